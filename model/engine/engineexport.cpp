#include "domain/wording.h"
#include "engine/branchchecks.h"
#include "engine/engine.h"
#include "engine/rowpages.h"

namespace lb {

// Export of the engine: a branch's rows out in bundles, page by page, to a sink.

namespace {

// The walk both exports share: the listing page by page, the bundles, progress and cancel between them.
// `fetch` reads one bundle of rows (by label hash), `sink` takes each row of it.
template <typename Row, typename Fetch>
Result<qint64> exportBundles(Store &store, const QString &branch, int bundleSize, const JobControl &control,
                             const Fetch &fetch, const std::function<Result<void>(const Row &)> &sink)
{
    if (bundleSize < Engine::kMinBatchSize || bundleSize > Engine::kMaxBatchSize)
        return fail(ErrorKind::Usage, QStringLiteral("bundle size must be between %1 and %2, got %3")
                                          .arg(Engine::kMinBatchSize)
                                          .arg(Engine::kMaxBatchSize)
                                          .arg(bundleSize));
    if (Result<void> exists = BranchChecks::requireBranch(store, branch, QStringLiteral("branch")); !exists)
        return exists.takeError();

    RowQuery query;
    query.branch = branch;
    const Result<int> total = store.countRows(query);
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
            const Result<QList<Row>> fetched = fetch(labelHashes.mid(from, bundleSize));
            if (!fetched)
                return fail(QStringLiteral("reading bundle %1 of %2 of branch %3 failed: %4")
                                .arg(bundle + 1)
                                .arg(qMax(bundles, bundle + 1))
                                .arg(quoted(branch), fetched.error()));
            for (const Row &row : fetched.value())
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
    if (Result<void> walked = RowPages::forEach(store, query, bundleSize * 20, exportPage); !walked)
        return walked.takeError();
    return done;
}

} // namespace

Result<qint64> Engine::exportRows(const QString &branch, const RowSink &sink, int bundleSize,
                                  const JobControl &control)
{
    const auto fetch = [&](const QStringList &labelHashes) {
        return m_store.fetchContents(branch, labelHashes);
    };
    return exportBundles<LabelRowDocument>(m_store, branch, bundleSize, control, fetch, sink);
}

Result<qint64> Engine::exportRowBytes(const QString &branch, const RowBytesSink &sink, int bundleSize,
                                      const JobControl &control)
{
    const auto fetch = [&](const QStringList &labelHashes) {
        return m_store.fetchContentBytes(branch, labelHashes);
    };
    return exportBundles<QByteArray>(m_store, branch, bundleSize, control, fetch, sink);
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
