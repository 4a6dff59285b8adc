#include "domain/wording.h"
#include "engine/branchchecks.h"
#include "engine/engine.h"
#include "engine/rowpages.h"

namespace lb {

// Export of the engine: a branch's rows out in bundles, page by page, to a sink.

Result<qint64> Engine::exportRows(const QString &branch, const RowSink &sink, int bundleSize,
                                  const JobControl &control)
{
    if (bundleSize < kMinBatchSize || bundleSize > kMaxBatchSize)
        return fail(ErrorKind::Usage, QStringLiteral("bundle size must be between %1 and %2, got %3")
                                          .arg(kMinBatchSize)
                                          .arg(kMaxBatchSize)
                                          .arg(bundleSize));
    if (Result<void> exists = BranchChecks::requireBranch(m_store, branch, QStringLiteral("branch")); !exists)
        return exists.takeError();

    RowQuery query;
    query.branch = branch;
    const Result<int> total = m_store.countRows(query);
    if (!total)
        return total.takeError();
    const int bundles = int((qint64(total.value()) + bundleSize - 1) / bundleSize);
    qint64 done = 0;
    int bundle = 0;
    // A page holds whole bundles, so the bundles are the same as over one listing of the branch.
    const auto exportPage = [&](const QList<LabelRowSummary> &page) -> Result<void> {
        QStringList labelHashes;
        labelHashes.reserve(page.size());
        for (const LabelRowSummary &row : page)
            if (row.isInitialised())
                labelHashes.append(row.labelHash);
        for (qsizetype from = 0; from < labelHashes.size(); from += bundleSize) {
            if (bundle > 0 && control.isCancelled())
                return fail(ErrorKind::Cancelled, QStringLiteral("export cancelled"));
            const Result<QList<LabelRowDocument>> fetched =
                m_store.fetchContents(branch, labelHashes.mid(from, bundleSize));
            if (!fetched)
                return fail(QStringLiteral("reading bundle %1 of %2 of branch %3 failed: %4")
                                .arg(bundle + 1)
                                .arg(qMax(bundles, bundle + 1))
                                .arg(quoted(branch), fetched.error()));
            for (const LabelRowDocument &row : fetched.value())
                if (Result<void> taken = sink(row); !taken)
                    return taken;
            done += fetched->size();
            ++bundle;

            Progress progress;
            progress.done = done;
            progress.total = qMax<qint64>(total.value(), done);
            progress.batchesDone = bundle;
            progress.batchesTotal = qMax(bundles, bundle);
            progress.stage = QStringLiteral("fetching labels");
            control.report(progress);
        }
        return {};
    };
    if (Result<void> walked = RowPages::forEach(m_store, query, bundleSize * 20, exportPage); !walked)
        return walked.takeError();
    return done;
}

Result<QList<LabelRowDocument>> Engine::exportRows(const QString &branch, int bundleSize,
                                                   const JobControl &control)
{
    QList<LabelRowDocument> documents;
    const Result<qint64> exported = exportRows(
        branch,
        [&documents](const LabelRowDocument &row) -> Result<void> {
            documents.append(row);
            return {};
        },
        bundleSize, control);
    if (!exported)
        return exported.takeError();
    return documents;
}

} // namespace lb
