#pragma once

#include "domain/labelrowdocument.h"
#include "domain/labelrowsummary.h"
#include "domain/ontology.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace lb {

// The right-hand pane: what one label row holds. Counts per class come from the row summary (no JSON needed);
// the object list appears once the row's content has been fetched (setDocument).
class RowDetailsPane : public QWidget
{
    Q_OBJECT
public:
    explicit RowDetailsPane(QWidget *parent = nullptr);

    void setOntology(const Ontology &ontology);
    void showRow(const LabelRowSummary &row);
    void setDocument(const LabelRowDocument &document);
    void setContentError(const QString &message);
    void clear();

    int classRowCount() const;
    int objectRowCount() const;

private:
    Ontology m_ontology;
    QString m_labelHash;
    QLabel *m_title = nullptr;
    QLabel *m_facts = nullptr;
    QTreeWidget *m_classes = nullptr;
    QLabel *m_objectsHeading = nullptr;
    QTreeWidget *m_objects = nullptr;
};

} // namespace lb
