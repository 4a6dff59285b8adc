#pragma once

#include "diff/branchdiff.h"
#include "domain/branchinfo.h"
#include "domain/copyrequest.h"
#include "domain/labelrowsummary.h"
#include "domain/ontology.h"
#include "domain/operationrecord.h"
#include "domain/result.h"

#include <functional>
#include <nlohmann/json.hpp>
#include <QByteArray>
#include <QDateTime>
#include <QHash>
#include <QList>
#include <QString>

namespace lb {

// Domain values as snake_case JSON with Encord's field names (data_hash, label_hash, branch_name, ...), for
// `labelbranch-cli --json` and any other consumer that wants machine-readable output. Timestamps are
// ISO 8601 UTC ("2026-11-20T09:00:00Z") or null; absent hashes are null. Class counts are keyed by class
// name, which needs the ontology; unknown feature hashes keep the hash as the key.
class JsonOutput
{
public:
    explicit JsonOutput(Ontology ontology = {});

    static nlohmann::json timestamp(const QDateTime &time);
    static nlohmann::json text(const QString &value);
    static nlohmann::json textOrNull(const QString &value);
    // Pretty (2-space indent) or compact UTF-8, always ending in a newline.
    static QByteArray dump(const nlohmann::json &value, bool pretty = true);

    nlohmann::json classCounts(const QHash<QString, int> &countsByFeatureHash) const;

    nlohmann::json row(const LabelRowSummary &row) const;
    nlohmann::json rows(const QList<LabelRowSummary> &rows) const;
    // The text JsonArrayPrinter::indented(row(row), depth) gives, printed without building the JSON value:
    // for listings of any size (JsonArrayPrinter::addPrinted).
    QByteArray printedRow(const LabelRowSummary &row, int depth) const;

    static nlohmann::json branch(const BranchInfo &branch);
    static nlohmann::json branches(const QList<BranchInfo> &branches);

    nlohmann::json diffEntry(const DiffEntry &entry) const;
    // The text JsonArrayPrinter::indented(diffEntry(entry), depth) gives, printed without the JSON value.
    QByteArray printedDiffEntry(const DiffEntry &entry, int depth) const;
    nlohmann::json diffSummary(const DiffSummary &summary) const;
    // {source_branch, target_branch, summary, entries}; the summary always covers every data unit.
    nlohmann::json diff(const BranchDiff &diff, bool onlyDifferences = false) const;
    // The same document as dump(diff(...)), newline included, handed to `write` entry by entry.
    void printDiff(const BranchDiff &diff, bool onlyDifferences,
                   const std::function<void(const QByteArray &)> &write) const;
    // Hands each entry to print to its argument, in order, and gives the comparison's summary, known once
    // every data unit was compared.
    using DiffEntryFeed =
        std::function<Result<DiffSummary>(const std::function<Result<void>(const DiffEntry &entry)> &take)>;
    // The same document, with the entries streamed from `feed` as they come (docs/architecture.md §2).
    Result<void> printDiff(const QString &sourceBranch, const QString &targetBranch,
                           const DiffEntryFeed &feed,
                           const std::function<void(const QByteArray &)> &write) const;

    static nlohmann::json copyResult(const CopyResult &result);
    // {"data_hashes": [first ten], "data_hash_count": n, "label_hashes": [...], "label_hash_count": n}
    static nlohmann::json unknownHashes(const UnknownHashes &unknown);
    static nlohmann::json planItem(const CopyPlanItem &item);
    static nlohmann::json plan(const CopyPlan &plan);
    // Hands each item to print to its argument, in order.
    using PlanItemFeed =
        std::function<Result<void>(const std::function<void(const CopyPlanItem &item)> &take)>;
    // dump() of plan(plan) with `extra` merged in, its items streamed from `feed` as they come.
    static Result<void> printPlan(const CopyPlan &plan, const nlohmann::json &extra, const PlanItemFeed &feed,
                                  const std::function<void(const QByteArray &)> &write);
    static nlohmann::json undo(const UndoResult &result);
    static nlohmann::json operation(const OperationRecord &record);
    static nlohmann::json operations(const QList<OperationRecord> &records);
    static nlohmann::json auditEntry(const AuditEntry &entry);
    static nlohmann::json auditLog(const QList<AuditEntry> &entries);

private:
    void appendRow(QByteArray &out, const LabelRowSummary &row, int depth) const;
    void appendDiffEntry(QByteArray &out, const DiffEntry &entry, int depth) const;
    void appendClassCounts(QByteArray &out, const QHash<QString, int> &countsByFeatureHash, int depth) const;

    Ontology m_ontology;
    QHash<QString, QString> m_names;           // featureHash -> class name
    QHash<QString, QByteArray> m_printedNames; // featureHash -> class name in UTF-8
};

} // namespace lb
