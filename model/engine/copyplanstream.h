#pragma once

#include "domain/copyrequest.h"
#include "domain/labelrowsummary.h"
#include "domain/result.h"
#include "engine/rowpages.h"
#include "store/store.h"

#include <optional>
#include <QHash>
#include <QList>
#include <QSet>
#include <QStringList>

namespace lb {

// One copy request planned a page of source rows at a time (title order), each page with the target rows
// of the same data units: rules 2, 3, 4 and 6 of copy_labels_to_branch decided per data unit. The plan's
// counts grow page by page; a page's items are the caller's to keep (a dry run) or to write and drop (a
// copy on a local store), so planning holds one page of rows, never a branch.
class CopyPlanStream
{
public:
    // `plan` gives the request and what is known of the target (its counts and items are not used). On a
    // store that does not list pages cheaply the whole source is one page, as Encord's own copy lists it.
    CopyPlanStream(Store &store, const CopyPlan &plan, int pageSize);

    // The items of the next page, counted into plan(); empty once the listing is done.
    Result<QList<CopyPlanItem>> nextPage();
    // The items of source rows [offset, offset + limit) in title order, not counted: a window of a plan
    // whose items are read by position (CopyPlan::itemsPaged).
    Result<QList<CopyPlanItem>> itemsAt(int offset, int limit);
    // After the last page: a skip for every data hash of the request that is not in the project, counted
    // into plan(), whose unknown hashes are set.
    Result<QList<CopyPlanItem>> finish();

    const CopyPlan &plan() const { return m_plan; }
    // Initialised source rows listed so far.
    int initialisedRows() const { return m_initialised; }

    // The row a plan item writes; none for a skip.
    static std::optional<CopyItem> writeOf(const CopyPlanItem &item);

private:
    Result<QList<CopyPlanItem>> planRows(const QList<LabelRowSummary> &sourceRows, bool counted);
    QList<const LabelRowSummary *> scopeOf(const QList<LabelRowSummary> &sourceRows) const;
    Result<QHash<QString, LabelRowSummary>> listTarget(const QList<const LabelRowSummary *> &scope);
    Result<QStringList> unknownDataHashes();
    void count(const CopyPlanItem &item);
    static RowQuery sourceQuery(const CopyRequest &request, const QStringList &dataHashes);

    Store &m_store;
    CopyPlan m_plan;
    QStringList m_dataHashes;  // of the request, each once, in its order
    QStringList m_labelHashes; // likewise
    QSet<QString> m_dataScope;
    QSet<QString> m_labelScope;
    QSet<QString> m_unseenData;
    QSet<QString> m_unseenLabels;
    RowPageCursor m_cursor;
    int m_initialised = 0;
};

} // namespace lb
