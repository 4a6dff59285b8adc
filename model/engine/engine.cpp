#include "engine/engine.h"

#include "domain/branchname.h"
#include "domain/username.h"
#include "domain/wording.h"

#include <nlohmann/json.hpp>
#include <QDateTime>
#include <QSet>

namespace lb {

namespace {

constexpr int kSnapshotBatchSize = 100;

std::string utf8(const QString &text)
{
    return text.toStdString();
}

nlohmann::json jsonList(const QStringList &items)
{
    nlohmann::json list = nlohmann::json::array();
    for (const QString &item : items)
        list.push_back(utf8(item));
    return list;
}

QString jsonText(const nlohmann::json &json)
{
    return QString::fromStdString(json.dump());
}

Result<void> requireBranch(Store &store, const QString &name, const QString &role)
{
    const Result<bool> exists = store.branchExists(name);
    if (!exists)
        return exists.takeError();
    if (!exists.value())
        return fail(ErrorKind::NotFound, QStringLiteral("%1 %2 does not exist").arg(role, quoted(name)));
    return {};
}

// Everything checked here needs no store: it runs before anything is read or written.
Result<void> validateCopyArguments(const CopyRequest &request)
{
    if (request.sourceBranch == request.targetBranch)
        return fail(ErrorKind::Usage, QStringLiteral("source and target branch must be different"));
    if (request.batchSize < Engine::kMinBatchSize || request.batchSize > Engine::kMaxBatchSize)
        return fail(ErrorKind::Usage, QStringLiteral("batch size must be between %1 and %2, got %3")
                                          .arg(Engine::kMinBatchSize)
                                          .arg(Engine::kMaxBatchSize)
                                          .arg(request.batchSize));
    const QString nameError = branchNameError(request.targetBranch);
    if (!nameError.isEmpty())
        return fail(ErrorKind::Usage, nameError);
    return {};
}

// A copy decided but not yet done: the plan the user may look at, and the rows to write in order.
struct PreparedCopy
{
    CopyPlan plan;
    QList<CopyItem> writes;
};

QStringList uniqueInOrder(const QStringList &items)
{
    QStringList unique;
    QSet<QString> seen;
    unique.reserve(items.size());
    for (const QString &item : items) {
        if (!seen.contains(item)) {
            seen.insert(item);
            unique.append(item);
        }
    }
    return unique;
}

// Rules 2, 3, 4 and 6 of copy_labels_to_branch, decided per data unit from listings only.
Result<PreparedCopy> prepareCopy(Store &store, const CopyRequest &request)
{
    PreparedCopy prepared;
    prepared.plan.request = request;

    if (Result<void> source = requireBranch(store, request.sourceBranch, QStringLiteral("source branch"));
        !source)
        return source.takeError();
    const Result<bool> targetExists = store.branchExists(request.targetBranch);
    if (!targetExists)
        return targetExists.takeError();
    prepared.plan.targetExists = targetExists.value();

    const QStringList dataHashes = uniqueInOrder(request.dataHashes);
    const QSet<QString> dataFilter(dataHashes.cbegin(), dataHashes.cend());
    const QSet<QString> labelFilter(request.labelHashes.cbegin(), request.labelHashes.cend());

    // Unknown data hashes match nothing, as on Encord, but the plan names them so a typo is visible.
    QStringList unknownDataHashes;
    if (!dataHashes.isEmpty()) {
        const Result<QList<DataUnit>> units = store.dataUnits();
        if (!units)
            return units.takeError();
        QSet<QString> known;
        known.reserve(units->size());
        for (const DataUnit &unit : units.value())
            known.insert(unit.dataHash);
        for (const QString &hash : dataHashes) {
            if (!known.contains(hash))
                unknownDataHashes.append(hash);
        }
    }

    RowQuery sourceQuery;
    sourceQuery.branch = request.sourceBranch;
    sourceQuery.includeUninitialised = true;
    sourceQuery.order = RowQuery::Order::Title;
    if (!dataHashes.isEmpty() && dataHashes.size() <= Store::kMaxFilterHashes)
        sourceQuery.dataHashes = dataHashes;
    const Result<QList<LabelRowSummary>> sourceRows = store.listRows(sourceQuery);
    if (!sourceRows)
        return sourceRows.takeError();

    // data_hashes first, then label_hashes on what is left. A row that only label_hashes names is out of
    // scope.
    QList<const LabelRowSummary *> scope;
    scope.reserve(sourceRows->size());
    QSet<QString> scopeSeen;
    for (const LabelRowSummary &row : sourceRows.value()) {
        if (!dataFilter.isEmpty() && !dataFilter.contains(row.dataHash))
            continue;
        if (!labelFilter.isEmpty() && !labelFilter.contains(row.labelHash))
            continue;
        if (scopeSeen.contains(row.dataHash))
            continue;
        scopeSeen.insert(row.dataHash);
        scope.append(&row);
    }

    QStringList initialisedDataHashes;
    for (const LabelRowSummary *row : std::as_const(scope)) {
        if (row->isInitialised())
            initialisedDataHashes.append(row->dataHash);
    }

    QHash<QString, LabelRowSummary> targetRows;
    if (prepared.plan.targetExists && !initialisedDataHashes.isEmpty()) {
        RowQuery targetQuery;
        targetQuery.branch = request.targetBranch;
        if (initialisedDataHashes.size() <= Store::kMaxFilterHashes)
            targetQuery.dataHashes = initialisedDataHashes;
        const Result<QList<LabelRowSummary>> listed = store.listRows(targetQuery);
        if (!listed)
            return listed.takeError();
        targetRows.reserve(listed->size());
        for (const LabelRowSummary &row : listed.value()) {
            if (row.isInitialised())
                targetRows.insert(row.dataHash, row);
        }
    }

    CopyPlan &plan = prepared.plan;
    plan.items.reserve(scope.size() + unknownDataHashes.size());
    for (const LabelRowSummary *row : std::as_const(scope)) {
        CopyPlanItem item;
        item.dataHash = row->dataHash;
        item.dataTitle = row->dataTitle;
        item.sourceLabelHash = row->labelHash;
        const auto target = targetRows.constFind(row->dataHash);
        if (target != targetRows.cend())
            item.targetLabelHash = target->labelHash;

        if (!row->isInitialised()) {
            item.action = PlanAction::Skip;
            item.reason = QStringLiteral("uninitialised on source");
        } else if (item.targetLabelHash.isEmpty()) {
            item.action = PlanAction::Create;
            item.reason = QStringLiteral("new row on target");
        } else if (request.overwrite) {
            item.action = PlanAction::Replace;
            // Source wins even when nothing would change: Encord counts such a row as updated too.
            item.reason = target->contentHash == row->contentHash && !row->contentHash.isEmpty()
                              ? QStringLiteral("overwrite: replaces target row (identical content)")
                              : QStringLiteral("overwrite: replaces target row");
        } else {
            item.action = PlanAction::Skip;
            item.reason = QStringLiteral("target already has a row");
        }

        switch (item.action) {
        case PlanAction::Create:
            ++plan.toCreate;
            prepared.writes.append(CopyItem{item.dataHash, item.sourceLabelHash, QString()});
            break;
        case PlanAction::Replace:
            ++plan.toReplace;
            prepared.writes.append(CopyItem{item.dataHash, item.sourceLabelHash, item.targetLabelHash});
            break;
        case PlanAction::Skip:
            ++plan.toSkip;
            break;
        }
        plan.items.append(item);
    }
    for (const QString &hash : std::as_const(unknownDataHashes)) {
        CopyPlanItem item;
        item.dataHash = hash;
        item.action = PlanAction::Skip;
        item.reason = QStringLiteral("unknown data unit");
        ++plan.toSkip;
        plan.items.append(item);
    }
    return prepared;
}

nlohmann::json copyDetails(const CopyRequest &request, const CopyResult &result)
{
    return nlohmann::json{
        {"source", utf8(request.sourceBranch)},
        {"target", utf8(request.targetBranch)},
        {"overwrite", request.overwrite},
        {"dataHashes", jsonList(request.dataHashes)},
        {"labelHashes", jsonList(request.labelHashes)},
        {"batchSize", request.batchSize},
        {"count", result.count},
        {"created", result.created},
        {"replaced", result.replaced},
        {"skipped", result.skipped},
        {"batchesDone", result.batchesDone},
        {"batchesTotal", result.batchesTotal},
        {"cancelled", result.cancelled},
        {"targetCreated", result.targetCreated},
    };
}

QString copySummary(OperationKind kind, const CopyRequest &request, const CopyResult &result)
{
    QString text;
    switch (kind) {
    case OperationKind::Snapshot:
        text = QStringLiteral("Snapshot %1 of %2: %3")
                   .arg(quoted(request.targetBranch), quoted(request.sourceBranch),
                        plural(result.count, QStringLiteral("label row")));
        break;
    case OperationKind::Sync:
        text = QStringLiteral("Synced %1 from %2 to %3: %4 created, %5 replaced, %6 skipped")
                   .arg(plural(result.count, QStringLiteral("label row")), quoted(request.sourceBranch),
                        quoted(request.targetBranch))
                   .arg(result.created)
                   .arg(result.replaced)
                   .arg(result.skipped);
        break;
    case OperationKind::ApplyReview:
        text = QStringLiteral(
                   "Applied the approved review of %1 to %2: %3 of %4 synced, %5 created, %6 replaced, "
                   "%7 skipped")
                   .arg(quoted(request.sourceBranch), quoted(request.targetBranch))
                   .arg(result.count)
                   .arg(plural(int(request.dataHashes.size()), QStringLiteral("approved data unit")))
                   .arg(result.created)
                   .arg(result.replaced)
                   .arg(result.skipped);
        break;
    default:
        text = QStringLiteral("Copied %1 from %2 to %3: %4 created, %5 replaced, %6 skipped")
                   .arg(plural(result.count, QStringLiteral("label row")), quoted(request.sourceBranch),
                        quoted(request.targetBranch))
                   .arg(result.created)
                   .arg(result.replaced)
                   .arg(result.skipped);
        break;
    }
    if (result.targetCreated && kind != OperationKind::Snapshot)
        text += QStringLiteral("; created branch %1").arg(quoted(request.targetBranch));
    if (result.cancelled)
        text += QStringLiteral("; cancelled after %1 of %2 batches")
                    .arg(result.batchesDone)
                    .arg(result.batchesTotal);
    return text;
}

QString actionName(OperationKind kind)
{
    switch (kind) {
    case OperationKind::Sync:
        return QStringLiteral("sync");
    case OperationKind::Snapshot:
        return QStringLiteral("snapshot");
    case OperationKind::Import:
        return QStringLiteral("import");
    case OperationKind::Undo:
        return QStringLiteral("undo");
    case OperationKind::ApplyReview:
        return QStringLiteral("apply-review");
    case OperationKind::Copy:
        break;
    }
    return QStringLiteral("copy");
}

struct CopyExecution
{
    OperationKind kind = OperationKind::Copy;
    bool snapshotBranch = false;
    // A snapshot is a branch even when its source has no rows; a copy with nothing to write writes nothing.
    bool createBranchWhenEmpty = false;
};

Result<CopyResult> executeCopy(Store &store, const QString &user, const PreparedCopy &prepared,
                               const CopyExecution &how, const JobControl &control)
{
    const CopyRequest &request = prepared.plan.request;
    const QList<CopyItem> &writes = prepared.writes;

    CopyResult result;
    result.skipped = prepared.plan.toSkip;
    const bool needsBranch = !prepared.plan.targetExists;
    if (writes.isEmpty() && !(needsBranch && how.createBranchWhenEmpty))
        return result;
    if (control.isCancelled()) {
        result.cancelled = true;
        return result;
    }

    const int batchSize = request.batchSize;
    result.batchesTotal = int((writes.size() + batchSize - 1) / batchSize);

    if (needsBranch) {
        if (Result<void> created =
                store.createBranch(request.targetBranch, request.sourceBranch, how.snapshotBranch);
            !created)
            return created.takeError();
        result.targetCreated = true;
    }

    OperationRecord record;
    record.kind = how.kind;
    record.sourceBranch = request.sourceBranch;
    record.targetBranch = request.targetBranch;
    record.overwrite = request.overwrite;
    record.createdTargetBranch = result.targetCreated;
    record.user = user;
    record.startedAt = QDateTime::currentDateTimeUtc();
    const Result<qint64> operationId = store.beginOperation(record);
    if (!operationId) {
        if (result.targetCreated)
            (void)store.deleteBranch(request.targetBranch);
        return operationId.takeError();
    }
    record.id = operationId.value();
    result.operationId = record.id;

    auto recordCounts = [&]() {
        record.created = result.created;
        record.replaced = result.replaced;
        record.skipped = result.skipped;
        record.cancelled = result.cancelled;
        record.finishedAt = QDateTime::currentDateTimeUtc();
    };
    auto audit = [&]() {
        AuditEntry entry;
        entry.time = QDateTime::currentDateTimeUtc();
        entry.user = user;
        entry.action = actionName(how.kind);
        entry.summary = copySummary(how.kind, request, result);
        nlohmann::json details = copyDetails(request, result);
        if (how.kind == OperationKind::ApplyReview) {
            // The log must answer "who approved what went in" without the review decisions, which can be
            // changed or cleared later.
            details["reviewer"] = utf8(user);
            nlohmann::json units = nlohmann::json::array();
            for (const CopyPlanItem &item : prepared.plan.items)
                units.push_back({{"dataHash", utf8(item.dataHash)},
                                 {"dataTitle", utf8(item.dataTitle)},
                                 {"action", utf8(planActionName(item.action))}});
            details["dataUnits"] = std::move(units);
        }
        entry.details = jsonText(details);
        entry.operationId = record.id;
        return store.appendAudit(entry);
    };

    qint64 done = 0;
    for (int batch = 0; batch < result.batchesTotal; ++batch) {
        if (batch > 0 && control.isCancelled()) {
            result.cancelled = true;
            break;
        }
        const QList<CopyItem> items = writes.mid(qsizetype(batch) * batchSize, batchSize);
        const Result<CopyBatchResult> written =
            store.copyBatch(record.id, request.sourceBranch, request.targetBranch, items);
        if (!written) {
            // The failed batch wrote nothing. Finished batches stay journaled so "undo" can take them back;
            // when none finished, the operation is rolled back here so the project looks untouched.
            recordCounts();
            (void)store.finishOperation(record);
            QString message = QStringLiteral("copy to %1 failed in batch %2 of %3: %4")
                                  .arg(quoted(request.targetBranch))
                                  .arg(batch + 1)
                                  .arg(result.batchesTotal)
                                  .arg(written.error());
            if (result.batchesDone == 0) {
                const Result<UndoResult> rolledBack = store.undoOperation(record.id);
                if (!rolledBack)
                    message += QStringLiteral(" (rolling back the new branch also failed: %1)")
                                   .arg(rolledBack.error());
            } else {
                (void)audit();
                message += QStringLiteral("; %1 written by the finished batches remain, undo removes them")
                               .arg(plural(result.count, QStringLiteral("row")));
            }
            return fail(message);
        }
        result.created += written->created;
        result.replaced += written->replaced;
        result.count = result.created + result.replaced;
        ++result.batchesDone;
        done += items.size();

        Progress progress;
        progress.done = done;
        progress.total = writes.size();
        progress.batchesDone = result.batchesDone;
        progress.batchesTotal = result.batchesTotal;
        progress.stage =
            how.kind == OperationKind::Snapshot ? QStringLiteral("snapshot") : QStringLiteral("copying");
        control.report(progress);
    }

    recordCounts();
    if (Result<void> finished = store.finishOperation(record); !finished)
        return fail(QStringLiteral("the rows were written but the operation journal could not be closed: %1")
                        .arg(finished.error()));
    if (Result<void> audited = audit(); !audited)
        return fail(QStringLiteral("the rows were written but the audit log could not be updated: %1")
                        .arg(audited.error()));
    return result;
}

} // namespace

Engine::Engine(Store &store, QString user)
    : m_store(store), m_user(user.isEmpty() ? osUserName() : std::move(user))
{
}

Result<QList<LabelRowSummary>> Engine::listRows(const RowQuery &query)
{
    return m_store.listRows(query);
}

Result<CopyPlan> Engine::planCopy(const CopyRequest &request)
{
    if (Result<void> valid = validateCopyArguments(request); !valid)
        return valid.takeError();
    Result<PreparedCopy> prepared = prepareCopy(m_store, request);
    if (!prepared)
        return prepared.takeError();
    return std::move(prepared.value().plan);
}

Result<CopyResult> Engine::copy(const CopyRequest &request, const JobControl &control)
{
    if (Result<void> valid = validateCopyArguments(request); !valid)
        return valid.takeError();
    const Result<PreparedCopy> prepared = prepareCopy(m_store, request);
    if (!prepared)
        return prepared.takeError();
    return executeCopy(m_store, m_user, prepared.value(), CopyExecution{OperationKind::Copy, false, false},
                       control);
}

Result<CopyResult> Engine::sync(CopyRequest request, const JobControl &control)
{
    request.overwrite = true;
    if (Result<void> valid = validateCopyArguments(request); !valid)
        return valid.takeError();
    const Result<PreparedCopy> prepared = prepareCopy(m_store, request);
    if (!prepared)
        return prepared.takeError();
    return executeCopy(m_store, m_user, prepared.value(), CopyExecution{OperationKind::Sync, false, false},
                       control);
}

Result<CopyResult> Engine::applyReview(CopyRequest request, const JobControl &control)
{
    request.overwrite = true;
    request.labelHashes.clear();
    if (request.dataHashes.isEmpty())
        return fail(ErrorKind::Usage, QStringLiteral("no approved data units to apply"));
    if (Result<void> valid = validateCopyArguments(request); !valid)
        return valid.takeError();
    const Result<PreparedCopy> prepared = prepareCopy(m_store, request);
    if (!prepared)
        return prepared.takeError();
    return executeCopy(m_store, m_user, prepared.value(),
                       CopyExecution{OperationKind::ApplyReview, false, false}, control);
}

Result<CopyResult> Engine::snapshot(const QString &source, const QString &name, const JobControl &control)
{
    QString target = name;
    if (target.isEmpty()) {
        const Result<QString> proposed = proposeSnapshotName();
        if (!proposed)
            return proposed.takeError();
        target = proposed.value();
    } else if (const QString nameError = branchNameError(target); !nameError.isEmpty()) {
        return fail(ErrorKind::Usage, nameError);
    }
    if (Result<void> exists = requireBranch(m_store, source, QStringLiteral("branch")); !exists)
        return exists.takeError();
    const Result<bool> taken = m_store.branchExists(target);
    if (!taken)
        return taken.takeError();
    if (taken.value())
        return fail(ErrorKind::Conflict,
                    QStringLiteral("a branch named %1 already exists").arg(quoted(target)));

    CopyRequest request;
    request.sourceBranch = source;
    request.targetBranch = target;
    request.overwrite = false;
    request.batchSize = kSnapshotBatchSize;
    const Result<PreparedCopy> prepared = prepareCopy(m_store, request);
    if (!prepared)
        return prepared.takeError();
    return executeCopy(m_store, m_user, prepared.value(), CopyExecution{OperationKind::Snapshot, true, true},
                       control);
}

Result<QString> Engine::proposeSnapshotName(QDate day)
{
    if (!day.isValid())
        day = QDate::currentDate();
    const QString base = QStringLiteral("export-") + day.toString(QStringLiteral("yyyy-MM-dd"));
    QString candidate = base;
    for (int suffix = 2;; ++suffix) {
        const Result<bool> taken = m_store.branchExists(candidate);
        if (!taken)
            return taken.takeError();
        if (!taken.value())
            return candidate;
        candidate = base + QLatin1Char('-') + QString::number(suffix);
    }
}

Result<UndoResult> Engine::undoLast(const QString &targetBranch)
{
    const Result<OperationRecord> last = m_store.lastUndoableOperation(targetBranch);
    if (!last)
        return last.takeError();
    if (last->id == 0)
        return fail(ErrorKind::NotFound,
                    targetBranch.isEmpty()
                        ? QStringLiteral("nothing to undo")
                        : QStringLiteral("nothing to undo on branch %1").arg(quoted(targetBranch)));
    const OperationRecord &operation = last.value();
    const Result<UndoResult> undone = m_store.undoOperation(operation.id);
    if (!undone)
        return undone.takeError();

    QString summary =
        QStringLiteral("Undid %1 #%2 on %3: %4 removed, %5 restored")
            .arg(actionName(operation.kind))
            .arg(operation.id)
            .arg(quoted(undone->targetBranch.isEmpty() ? operation.targetBranch : undone->targetBranch),
                 plural(undone->removed, QStringLiteral("row")))
            .arg(undone->restored);
    if (undone->branchRemoved)
        summary += QStringLiteral("; branch removed");
    AuditEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.user = m_user;
    entry.action = QStringLiteral("undo");
    entry.summary = summary;
    entry.details = jsonText(nlohmann::json{
        {"operationId", operation.id},
        {"operation", utf8(actionName(operation.kind))},
        {"source", utf8(operation.sourceBranch)},
        {"target", utf8(operation.targetBranch)},
        {"removed", undone->removed},
        {"restored", undone->restored},
        {"branchRemoved", undone->branchRemoved},
    });
    entry.operationId = operation.id;
    if (Result<void> audited = m_store.appendAudit(entry); !audited)
        return fail(QStringLiteral("the operation was undone but the audit log could not be updated: %1")
                        .arg(audited.error()));
    return undone;
}

Result<OperationRecord> Engine::lastUndoable(const QString &targetBranch)
{
    return m_store.lastUndoableOperation(targetBranch);
}

namespace {

Result<void> auditBranchChange(Store &store, const QString &user, const QString &action,
                               const QString &summary, const nlohmann::json &details)
{
    AuditEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.user = user;
    entry.action = action;
    entry.summary = summary;
    entry.details = jsonText(details);
    if (Result<void> audited = store.appendAudit(entry); !audited)
        return fail(QStringLiteral("the branch was changed but the audit log could not be updated: %1")
                        .arg(audited.error()));
    return {};
}

Result<void> requireFreeName(Store &store, const QString &name)
{
    const Result<bool> taken = store.branchExists(name);
    if (!taken)
        return taken.takeError();
    if (taken.value())
        return fail(ErrorKind::Conflict,
                    QStringLiteral("a branch named %1 already exists").arg(quoted(name)));
    return {};
}

} // namespace

Result<void> Engine::createBranch(const QString &name, const QString &createdFrom)
{
    if (const QString nameError = branchNameError(name); !nameError.isEmpty())
        return fail(ErrorKind::Usage, nameError);
    if (Result<void> available = requireFreeName(m_store, name); !available)
        return available;
    if (!createdFrom.isEmpty()) {
        if (Result<void> from = requireBranch(m_store, createdFrom, QStringLiteral("branch")); !from)
            return from;
    }
    if (Result<void> created = m_store.createBranch(name, createdFrom, false); !created)
        return created;
    const QString summary =
        createdFrom.isEmpty()
            ? QStringLiteral("Created branch %1").arg(quoted(name))
            : QStringLiteral("Created branch %1 from %2").arg(quoted(name), quoted(createdFrom));
    return auditBranchChange(m_store, m_user, QStringLiteral("branch-create"), summary,
                             nlohmann::json{{"branch", utf8(name)}, {"createdFrom", utf8(createdFrom)}});
}

Result<void> Engine::renameBranch(const QString &from, const QString &to)
{
    if (from == kMainBranch)
        return fail(ErrorKind::Conflict, QStringLiteral("the main branch cannot be renamed"));
    if (const QString nameError = branchNameError(to); !nameError.isEmpty())
        return fail(ErrorKind::Usage, nameError);
    if (Result<void> exists = requireBranch(m_store, from, QStringLiteral("branch")); !exists)
        return exists;
    if (from == to)
        return fail(ErrorKind::Conflict, QStringLiteral("branch %1 already has that name").arg(quoted(from)));
    if (Result<void> available = requireFreeName(m_store, to); !available)
        return available;
    if (Result<void> renamed = m_store.renameBranch(from, to); !renamed)
        return renamed;
    return auditBranchChange(m_store, m_user, QStringLiteral("branch-rename"),
                             QStringLiteral("Renamed branch %1 to %2").arg(quoted(from), quoted(to)),
                             nlohmann::json{{"from", utf8(from)}, {"to", utf8(to)}});
}

Result<void> Engine::deleteBranch(const QString &name)
{
    if (name == kMainBranch)
        return fail(ErrorKind::Conflict, QStringLiteral("the main branch cannot be deleted"));
    if (Result<void> exists = requireBranch(m_store, name, QStringLiteral("branch")); !exists)
        return exists;
    RowQuery query;
    query.branch = name;
    const Result<int> rows = m_store.countRows(query);
    if (!rows)
        return rows.takeError();
    if (Result<void> deleted = m_store.deleteBranch(name); !deleted)
        return deleted;
    return auditBranchChange(m_store, m_user, QStringLiteral("branch-delete"),
                             QStringLiteral("Deleted branch %1 with %2")
                                 .arg(quoted(name), plural(rows.value(), QStringLiteral("label row"))),
                             nlohmann::json{{"branch", utf8(name)}, {"rows", rows.value()}});
}

Result<BranchDiff> Engine::diff(const QString &sourceBranch, const QString &targetBranch,
                                const JobControl &control)
{
    if (Result<void> source = requireBranch(m_store, sourceBranch, QStringLiteral("source branch")); !source)
        return source.takeError();
    if (Result<void> target = requireBranch(m_store, targetBranch, QStringLiteral("target branch")); !target)
        return target.takeError();

    constexpr int kStages = 4;
    auto stage = [&](int done, const QString &name) {
        Progress progress;
        progress.done = done;
        progress.total = kStages;
        progress.stage = name;
        control.report(progress);
    };
    const Error cancelled = fail(ErrorKind::Cancelled, QStringLiteral("comparison cancelled"));

    stage(0, QStringLiteral("listing source"));
    RowQuery query;
    query.branch = sourceBranch;
    const Result<QList<LabelRowSummary>> sourceRows = m_store.listRows(query);
    if (!sourceRows)
        return sourceRows.takeError();
    if (control.isCancelled())
        return cancelled;

    stage(1, QStringLiteral("listing target"));
    query.branch = targetBranch;
    const Result<QList<LabelRowSummary>> targetRows = m_store.listRows(query);
    if (!targetRows)
        return targetRows.takeError();
    if (control.isCancelled())
        return cancelled;

    stage(2, QStringLiteral("reading data units"));
    const Result<QList<DataUnit>> units = m_store.dataUnits();
    if (!units)
        return units.takeError();
    if (control.isCancelled())
        return cancelled;

    stage(3, QStringLiteral("comparing"));
    BranchDiff result =
        computeBranchDiff(sourceBranch, sourceRows.value(), targetBranch, targetRows.value(), units.value());
    stage(kStages, QStringLiteral("done"));
    return result;
}

namespace {

Result<void> checkImportable(Store &store, const QString &branch, bool branchExists,
                             const QList<LabelRowDocument> &rows, bool overwrite)
{
    const Result<QList<DataUnit>> units = store.dataUnits();
    if (!units)
        return units.takeError();
    QSet<QString> known;
    known.reserve(units->size());
    for (const DataUnit &unit : units.value())
        known.insert(unit.dataHash);

    QHash<QString, QString> existing; // data hash -> label hash on the branch
    if (branchExists && !overwrite) {
        RowQuery query;
        query.branch = branch;
        const Result<QList<LabelRowSummary>> onBranch = store.listRows(query);
        if (!onBranch)
            return onBranch.takeError();
        for (const LabelRowSummary &row : onBranch.value())
            existing.insert(row.dataHash, row.labelHash);
    }

    for (qsizetype i = 0; i < rows.size(); ++i) {
        const LabelRowDocument &row = rows.at(i);
        const QString where = QStringLiteral("row %1 (%2)").arg(i + 1).arg(quoted(row.dataTitle()));
        if (!known.contains(row.dataHash()))
            return fail(ErrorKind::NotFound,
                        QStringLiteral("%1: data unit %2 is not in this project; nothing was imported")
                            .arg(where, row.dataHash()));
        if (existing.contains(row.dataHash()))
            return fail(
                ErrorKind::Conflict,
                QStringLiteral("%1: branch %2 already has a row for data unit %3; import with overwrite to "
                               "replace it; nothing was imported")
                    .arg(where, quoted(branch), row.dataHash()));
    }
    return {};
}

} // namespace

Result<CopyResult> Engine::importRows(const QString &branch, const QList<LabelRowDocument> &rows,
                                      bool overwrite, const JobControl &control)
{
    if (const QString nameError = branchNameError(branch); !nameError.isEmpty())
        return fail(ErrorKind::Usage, nameError);

    // Two rows for one data unit cannot both land: refuse before writing rather than let the order decide.
    QSet<QString> seen;
    seen.reserve(rows.size());
    for (qsizetype i = 0; i < rows.size(); ++i) {
        const LabelRowDocument &row = rows.at(i);
        if (seen.contains(row.dataHash()))
            return fail(ErrorKind::Usage,
                        QStringLiteral("the import has more than one row for data unit %1 (%2), row %3")
                            .arg(quoted(row.dataTitle()), row.dataHash())
                            .arg(i + 1));
        seen.insert(row.dataHash());
    }

    CopyResult result;
    if (rows.isEmpty())
        return result;
    if (control.isCancelled()) {
        result.cancelled = true;
        return result;
    }

    const Result<bool> exists = m_store.branchExists(branch);
    if (!exists)
        return exists.takeError();
    // Refuse what the store would refuse before anything is created, so a bad import leaves no trace at all
    // (no branch, no operation record).
    if (Result<void> importable = checkImportable(m_store, branch, exists.value(), rows, overwrite);
        !importable)
        return importable.takeError();
    if (!exists.value()) {
        if (Result<void> created = m_store.createBranch(branch, QString(), false); !created)
            return created.takeError();
        result.targetCreated = true;
    }

    OperationRecord record;
    record.kind = OperationKind::Import;
    record.targetBranch = branch;
    record.overwrite = overwrite;
    record.createdTargetBranch = result.targetCreated;
    record.user = m_user;
    record.startedAt = QDateTime::currentDateTimeUtc();
    const Result<qint64> operationId = m_store.beginOperation(record);
    if (!operationId) {
        if (result.targetCreated)
            (void)m_store.deleteBranch(branch);
        return operationId.takeError();
    }
    record.id = operationId.value();
    result.operationId = record.id;
    result.batchesTotal = 1;

    // One store batch, so a bad row leaves the branch exactly as it was.
    const Result<CopyBatchResult> written = m_store.writeRows(record.id, branch, rows, overwrite);
    if (!written) {
        record.finishedAt = QDateTime::currentDateTimeUtc();
        (void)m_store.finishOperation(record);
        QString message = QStringLiteral("import into %1 failed, nothing was written: %2")
                              .arg(quoted(branch), written.error());
        // Takes back the branch this import created, and marks the empty operation as undone.
        if (const Result<UndoResult> rolledBack = m_store.undoOperation(record.id); !rolledBack)
            message += QStringLiteral(" (removing the new branch also failed: %1)").arg(rolledBack.error());
        return fail(message);
    }
    result.created = written->created;
    result.replaced = written->replaced;
    result.count = result.created + result.replaced;
    result.batchesDone = 1;

    Progress progress;
    progress.done = rows.size();
    progress.total = rows.size();
    progress.batchesDone = 1;
    progress.batchesTotal = 1;
    progress.stage = QStringLiteral("importing");
    control.report(progress);

    record.created = result.created;
    record.replaced = result.replaced;
    record.finishedAt = QDateTime::currentDateTimeUtc();
    if (Result<void> finished = m_store.finishOperation(record); !finished)
        return fail(QStringLiteral("the rows were imported but the operation journal could not be closed: %1")
                        .arg(finished.error()));

    AuditEntry entry;
    entry.time = QDateTime::currentDateTimeUtc();
    entry.user = m_user;
    entry.action = QStringLiteral("import");
    entry.summary = QStringLiteral("Imported %1 into %2: %3 created, %4 replaced")
                        .arg(plural(result.count, QStringLiteral("label row")), quoted(branch))
                        .arg(result.created)
                        .arg(result.replaced);
    if (result.targetCreated)
        entry.summary += QStringLiteral("; created branch %1").arg(quoted(branch));
    entry.details = jsonText(nlohmann::json{
        {"branch", utf8(branch)},
        {"overwrite", overwrite},
        {"rows", rows.size()},
        {"count", result.count},
        {"created", result.created},
        {"replaced", result.replaced},
        {"targetCreated", result.targetCreated},
    });
    entry.operationId = record.id;
    if (Result<void> audited = m_store.appendAudit(entry); !audited)
        return fail(QStringLiteral("the rows were imported but the audit log could not be updated: %1")
                        .arg(audited.error()));
    return result;
}

Result<QList<LabelRowDocument>> Engine::exportRows(const QString &branch, int bundleSize,
                                                   const JobControl &control)
{
    if (bundleSize < kMinBatchSize || bundleSize > kMaxBatchSize)
        return fail(ErrorKind::Usage, QStringLiteral("bundle size must be between %1 and %2, got %3")
                                          .arg(kMinBatchSize)
                                          .arg(kMaxBatchSize)
                                          .arg(bundleSize));
    if (Result<void> exists = requireBranch(m_store, branch, QStringLiteral("branch")); !exists)
        return exists.takeError();

    RowQuery query;
    query.branch = branch;
    const Result<QList<LabelRowSummary>> listed = m_store.listRows(query);
    if (!listed)
        return listed.takeError();
    QStringList labelHashes;
    labelHashes.reserve(listed->size());
    for (const LabelRowSummary &row : listed.value()) {
        if (row.isInitialised())
            labelHashes.append(row.labelHash);
    }

    QList<LabelRowDocument> documents;
    documents.reserve(labelHashes.size());
    const int bundles = int((labelHashes.size() + bundleSize - 1) / bundleSize);
    for (int bundle = 0; bundle < bundles; ++bundle) {
        if (bundle > 0 && control.isCancelled())
            return fail(ErrorKind::Cancelled, QStringLiteral("export cancelled"));
        const QStringList hashes = labelHashes.mid(qsizetype(bundle) * bundleSize, bundleSize);
        Result<QList<LabelRowDocument>> fetched = m_store.fetchContents(branch, hashes);
        if (!fetched)
            return fail(QStringLiteral("reading bundle %1 of %2 of branch %3 failed: %4")
                            .arg(bundle + 1)
                            .arg(bundles)
                            .arg(quoted(branch), fetched.error()));
        documents.append(std::move(fetched.value()));

        Progress progress;
        progress.done = documents.size();
        progress.total = labelHashes.size();
        progress.batchesDone = bundle + 1;
        progress.batchesTotal = bundles;
        progress.stage = QStringLiteral("fetching labels");
        control.report(progress);
    }
    return documents;
}

} // namespace lb
