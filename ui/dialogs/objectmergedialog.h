#pragma once

#include "engine/mergeplan.h"

#include <QDialog>

class QLabel;
class QPushButton;
class QTreeWidget;

namespace lb {

// Confirms a per-object merge (docs/product.md §3.7) from its dry run: per data unit, each object the
// merge touches and what it does with it ("edited on the source: takes the source's"), conflicts in
// their own colour. With a conflict left the merge cannot run: the dialog says which object to choose
// for. Accepting it is the go-ahead; the owner runs the merge.
class ObjectMergeDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ObjectMergeDialog(const MergeRequest &request, const MergePlan &plan, QWidget *parent = nullptr);

    const MergeRequest &request() const { return m_request; }
    QString summaryText() const;
    QTreeWidget *planTree() const { return m_tree; }
    QPushButton *mergeButton() const { return m_mergeButton; }

private:
    void fillTree();

    MergeRequest m_request;
    MergePlan m_plan;
    QLabel *m_summary = nullptr;
    QTreeWidget *m_tree = nullptr;
    QPushButton *m_mergeButton = nullptr;
};

} // namespace lb
