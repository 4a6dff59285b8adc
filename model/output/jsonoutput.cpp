#include "output/jsonoutput.h"

#include "domain/boundedjson.h"
#include "output/jsonarrayprinter.h"

#include <map>

namespace lb {

using json = nlohmann::json;

JsonOutput::JsonOutput(Ontology ontology) : m_ontology(std::move(ontology))
{
    for (const OntologyObject &object : m_ontology.objects) {
        m_names.insert(object.featureHash, object.name);
        m_printedNames.insert(object.featureHash, object.name.toUtf8());
    }
}

json JsonOutput::timestamp(const QDateTime &time)
{
    if (!time.isValid())
        return nullptr;
    return time.toUTC().toString(Qt::ISODate).toStdString();
}

json JsonOutput::text(const QString &value)
{
    return value.toStdString();
}

json JsonOutput::textOrNull(const QString &value)
{
    if (value.isEmpty())
        return nullptr;
    return value.toStdString();
}

QByteArray JsonOutput::dump(const json &value, bool pretty)
{
    // replace: a broken byte sequence must not turn a listing into an exception.
    const std::string text = value.dump(pretty ? 2 : -1, ' ', false, json::error_handler_t::replace);
    QByteArray bytes(text.data(), static_cast<qsizetype>(text.size()));
    bytes.append('\n');
    return bytes;
}

json JsonOutput::classCounts(const QHash<QString, int> &countsByFeatureHash) const
{
    // Sorted by name so the output is stable; two feature hashes with one name add up.
    std::map<std::string, int> byName;
    for (auto it = countsByFeatureHash.cbegin(); it != countsByFeatureHash.cend(); ++it)
        byName[m_names.value(it.key(), it.key()).toStdString()] += it.value();
    json out = json::object();
    for (const auto &[name, count] : byName)
        out[name] = count;
    return out;
}

json JsonOutput::row(const LabelRowSummary &row) const
{
    json provenance = nullptr;
    if (!row.provenance.sourceBranch.isEmpty())
        provenance = {{"source_branch", text(row.provenance.sourceBranch)},
                      {"source_content_hash", textOrNull(row.provenance.sourceContentHash)},
                      {"copied_at", timestamp(row.provenance.copiedAt)}};
    return json{{"data_hash", text(row.dataHash)},
                {"label_hash", textOrNull(row.labelHash)},
                {"branch_name", text(row.branchName)},
                {"data_title", text(row.dataTitle)},
                {"data_type", text(dataTypeLabelRowName(row.dataType))},
                {"label_status", textOrNull(row.labelStatus)},
                {"created_at", timestamp(row.createdAt)},
                {"last_edited_at", timestamp(row.lastEditedAt)},
                {"object_count", row.objectCount},
                {"classification_count", row.classificationCount},
                {"class_counts", classCounts(row.classCounts)},
                {"content_hash", textOrNull(row.contentHash)},
                {"provenance", std::move(provenance)}};
}

json JsonOutput::rows(const QList<LabelRowSummary> &rows) const
{
    json out = json::array();
    for (const LabelRowSummary &r : rows)
        out.push_back(row(r));
    return out;
}

json JsonOutput::branch(const BranchInfo &branch)
{
    return json{{"name", text(branch.name)},
                {"row_count", branch.rowCount},
                {"object_count", branch.objectCount},
                {"created_at", timestamp(branch.createdAt)},
                {"last_edited_at", timestamp(branch.lastEditedAt)},
                {"created_from", textOrNull(branch.createdFrom)},
                {"is_snapshot", branch.isSnapshot}};
}

json JsonOutput::branches(const QList<BranchInfo> &branches)
{
    json out = json::array();
    for (const BranchInfo &b : branches)
        out.push_back(branch(b));
    return out;
}

json JsonOutput::diffEntry(const DiffEntry &entry) const
{
    return json{{"data_hash", text(entry.dataHash)},
                {"data_title", text(entry.dataTitle)},
                {"data_type", text(dataTypeLabelRowName(entry.dataType))},
                {"source_count", entry.sourceCount},
                {"target_count", entry.targetCount},
                {"delta", entry.delta},
                {"status", text(diffStatusName(entry.status))},
                {"class_deltas", classCounts(entry.classDeltas)},
                {"source_label_hash", textOrNull(entry.sourceLabelHash)},
                {"target_label_hash", textOrNull(entry.targetLabelHash)},
                {"source_content_hash", textOrNull(entry.sourceContentHash)},
                {"target_content_hash", textOrNull(entry.targetContentHash)}};
}

json JsonOutput::diffSummary(const DiffSummary &summary) const
{
    return json{{"total", summary.total},
                {"differences", summary.differences()},
                {"identical", summary.identical},
                {"changed_same_count", summary.changedSameCount},
                {"count_differs", summary.countDiffers},
                {"only_in_source", summary.onlyInSource},
                {"only_in_target", summary.onlyInTarget},
                {"uninitialised_on_both", summary.uninitialisedOnBoth},
                {"source_objects", summary.sourceObjects},
                {"target_objects", summary.targetObjects},
                {"source_class_totals", classCounts(summary.sourceClassTotals)},
                {"target_class_totals", classCounts(summary.targetClassTotals)}};
}

json JsonOutput::diff(const BranchDiff &diff, bool onlyDifferences) const
{
    json entries = json::array();
    for (const DiffEntry &entry : diff.entries)
        if (!onlyDifferences || diffStatusIsDifference(entry.status))
            entries.push_back(diffEntry(entry));
    return json{{"source_branch", text(diff.sourceBranch)},
                {"target_branch", text(diff.targetBranch)},
                {"summary", diffSummary(diff.summary)},
                {"entries", std::move(entries)}};
}

void JsonOutput::printDiff(const BranchDiff &diff, bool onlyDifferences,
                           const std::function<void(const QByteArray &)> &write) const
{
    const auto feed = [&](const std::function<Result<void>(const DiffEntry &)> &take) -> Result<DiffSummary> {
        for (const DiffEntry &entry : diff.entries) {
            if (onlyDifferences && !diffStatusIsDifference(entry.status))
                continue;
            if (Result<void> done = take(entry); !done)
                return done.takeError();
        }
        return diff.summary;
    };
    static_cast<void>(printDiff(diff.sourceBranch, diff.targetBranch, feed, write));
}

Result<void> JsonOutput::printDiff(const QString &sourceBranch, const QString &targetBranch,
                                   const DiffEntryFeed &feed,
                                   const std::function<void(const QByteArray &)> &write) const
{
    // The keys in the order dump() gives them (sorted): entries, source_branch, summary, target_branch. The
    // summary comes after the entries, so one pass gives both.
    write("{\n  \"entries\": ");
    JsonArrayPrinter entries(write, 1);
    const Result<DiffSummary> summary = feed([&](const DiffEntry &entry) -> Result<void> {
        entries.addPrinted(printedDiffEntry(entry, 2));
        return {};
    });
    if (!summary)
        return summary.takeError();
    entries.close();
    write(",\n  \"source_branch\": " + JsonArrayPrinter::indented(text(sourceBranch), 1) +
          ",\n  \"summary\": " + JsonArrayPrinter::indented(diffSummary(summary.value()), 1) +
          ",\n  \"target_branch\": " + JsonArrayPrinter::indented(text(targetBranch), 1) + "\n}\n");
    return {};
}

json JsonOutput::copyResult(const CopyResult &result)
{
    return json{{"count", result.count},
                {"created", result.created},
                {"replaced", result.replaced - result.unchanged},
                {"unchanged", result.unchanged},
                {"skipped", result.skipped},
                {"cancelled", result.cancelled},
                {"operation_id", result.operationId},
                {"batches", {{"done", result.batchesDone}, {"total", result.batchesTotal}}},
                {"target_created", result.targetCreated},
                {"method", text(copyMethodName(result.method))},
                {"unidentified", result.unidentified},
                {"unknown", unknownHashes(result.unknown)}};
}

json JsonOutput::unknownHashes(const UnknownHashes &unknown)
{
    constexpr qsizetype kNamed = 10;
    const auto first = [](const QStringList &hashes) {
        json list = json::array();
        for (const QString &hash : hashes.mid(0, kNamed))
            list.push_back(hash.toStdString());
        return list;
    };
    return json{{"data_hashes", first(unknown.dataHashes)},
                {"data_hash_count", unknown.dataHashes.size()},
                {"label_hashes", first(unknown.labelHashes)},
                {"label_hash_count", unknown.labelHashes.size()}};
}

json JsonOutput::planItem(const CopyPlanItem &item)
{
    return json{{"data_hash", text(item.dataHash)},
                {"data_title", text(item.dataTitle)},
                {"source_label_hash", textOrNull(item.sourceLabelHash)},
                {"target_label_hash", textOrNull(item.targetLabelHash)},
                {"action", text(planActionName(item.action))},
                {"identical", item.identical},
                {"reason", text(item.reason)}};
}

json JsonOutput::plan(const CopyPlan &plan)
{
    json items = json::array();
    for (const CopyPlanItem &item : plan.items)
        items.push_back(planItem(item));
    json dataHashes = json::array(), labelHashes = json::array();
    for (const QString &h : plan.request.dataHashes)
        dataHashes.push_back(h.toStdString());
    for (const QString &h : plan.request.labelHashes)
        labelHashes.push_back(h.toStdString());
    return json{{"source_branch", text(plan.request.sourceBranch)},
                {"target_branch", text(plan.request.targetBranch)},
                {"overwrite", plan.request.overwrite},
                {"batch_size", plan.request.batchSize},
                {"data_hashes", std::move(dataHashes)},
                {"label_hashes", std::move(labelHashes)},
                {"target_exists", plan.targetExists},
                {"target_known", plan.targetKnown},
                {"to_create", plan.toCreate},
                {"to_replace", plan.toReplace},
                {"unchanged", plan.unchanged},
                {"to_skip", plan.toSkip},
                {"count", plan.writeCount()},
                {"unknown", unknownHashes(plan.unknown)},
                {"items", std::move(items)}};
}

Result<void> JsonOutput::printPlan(const CopyPlan &plan, const json &extra, const PlanItemFeed &feed,
                                   const std::function<void(const QByteArray &)> &write)
{
    // The document without items, cut where its (empty) items array stands: dump() sorts the keys, so
    // what comes before and after the items is known before the first item is planned.
    CopyPlan header = plan; // shares the items, then drops them
    header.items.clear();
    json document = JsonOutput::plan(header);
    document.update(extra);
    const QByteArray whole = dump(document);
    const QByteArray emptyItems = "\n  \"items\": []";
    const qsizetype cut = whole.indexOf(emptyItems);
    if (cut < 0)
        return fail(QStringLiteral("the plan has no items field"));
    write(whole.left(cut + emptyItems.size() - 2));
    JsonArrayPrinter items(write, 1);
    if (Result<void> fed = feed([&](const CopyPlanItem &item) { items.add(planItem(item)); }); !fed)
        return fed;
    items.close();
    write(whole.mid(cut + emptyItems.size()));
    return {};
}

json JsonOutput::undo(const UndoResult &result)
{
    return json{{"operation_id", result.undoneOperationId},
                {"target_branch", text(result.targetBranch)},
                {"removed", result.removed},
                {"restored", result.restored},
                {"emptied", result.emptied},
                {"left_alone", result.leftAlone},
                {"branch_removed", result.branchRemoved}};
}

json JsonOutput::operation(const OperationRecord &record)
{
    return json{{"operation_id", record.id},
                {"kind", text(operationKindName(record.kind))},
                {"source_branch", textOrNull(record.sourceBranch)},
                {"target_branch", textOrNull(record.targetBranch)},
                {"overwrite", record.overwrite},
                {"created_target_branch", record.createdTargetBranch},
                {"created", record.created},
                {"replaced", record.replaced},
                {"skipped", record.skipped},
                {"count", record.created + record.replaced},
                {"cancelled", record.cancelled},
                {"undone", record.undone},
                {"user", textOrNull(record.user)},
                {"started_at", timestamp(record.startedAt)},
                {"finished_at", timestamp(record.finishedAt)}};
}

json JsonOutput::operations(const QList<OperationRecord> &records)
{
    json out = json::array();
    for (const OperationRecord &r : records)
        out.push_back(operation(r));
    return out;
}

json JsonOutput::auditEntry(const AuditEntry &entry)
{
    // details is stored as JSON text; hand it on as JSON so consumers need not parse twice.
    json details = nullptr;
    if (!entry.details.isEmpty()) {
        details = boundedjson::parseOrDiscard(entry.details.toUtf8());
        if (details.is_discarded())
            details = entry.details.toStdString();
    }
    return json{{"id", entry.id},
                {"time", timestamp(entry.time)},
                {"user", textOrNull(entry.user)},
                {"action", text(entry.action)},
                {"summary", text(entry.summary)},
                {"details", std::move(details)},
                {"operation_id", entry.operationId == 0 ? json(nullptr) : json(entry.operationId)},
                {"operation_state", textOrNull(entry.operationState)}};
}

json JsonOutput::auditLog(const QList<AuditEntry> &entries)
{
    json out = json::array();
    for (const AuditEntry &e : entries)
        out.push_back(auditEntry(e));
    return out;
}

} // namespace lb
