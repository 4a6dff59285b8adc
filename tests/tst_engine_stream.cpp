#include "domain/labelrowarrayreader.h"
#include "engine/rowpages.h"
#include "enginefixture.h"

#include <QBuffer>
#include <QSqlQuery>
#include <QtTest>

using namespace lb;
using namespace lb::test;

namespace {

// A store whose writeRows fails on its n-th call, as a full disk would part-way through an import.
class FailingWriteStore final : public ForwardingStore
{
public:
    FailingWriteStore(Store &inner, int failAt) : ForwardingStore(inner), m_failAt(failAt) {}
    int writeRowsCalls = 0;

    Result<CopyBatchResult> writeRows(qint64 operationId, const QString &branch,
                                      const QList<LabelRowDocument> &rows, bool overwrite) override
    {
        if (++writeRowsCalls == m_failAt)
            return fail(QStringLiteral("simulated full disk"));
        return ForwardingStore::writeRows(operationId, branch, rows, overwrite);
    }

private:
    int m_failAt;
};

// A pipe-like device: it cannot seek, so a second reading needs the reader's own copy.
class SequentialBuffer final : public QIODevice
{
public:
    explicit SequentialBuffer(QByteArray bytes) : m_bytes(std::move(bytes)) {}
    bool isSequential() const override { return true; }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = qMin(maxSize, qint64(m_bytes.size()) - m_pos);
        memcpy(data, m_bytes.constData() + m_pos, size_t(n));
        m_pos += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_bytes;
    qint64 m_pos = 0;
};

// The export format of `labelbranch-cli export`: "[", rows separated by ",\n", "]".
QByteArray exportBytes(Engine &engine, const QString &branch)
{
    QByteArray bytes;
    qint64 count = 0;
    const Result<qint64> exported =
        engine.exportRows(branch, [&](const LabelRowDocument &row) -> Result<void> {
            bytes += (count++ == 0 ? "[\n" : ",\n") + row.toBytes();
            return {};
        });
    if (!exported)
        qFatal("export failed: %s", qPrintable(exported.error()));
    bytes += count == 0 ? "[]\n" : "\n]\n";
    return bytes;
}

QByteArray rowsFile(int count, int brokenRow = 0)
{
    nlohmann::json array = nlohmann::json::array();
    for (int i = 0; i < count; ++i) {
        nlohmann::json row = imageRowJson(i, QStringLiteral("x"), labelHashFor(7, i), (i % 3) + 1, 0);
        if (i + 1 == brokenRow)
            row["data_units"] = 42;
        array.push_back(std::move(row));
    }
    return QByteArray::fromStdString(array.dump());
}

Result<CopyResult> importBytes(Engine &engine, const QString &branch, const QByteArray &bytes, bool overwrite)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    LabelRowArrayReader reader(buffer);
    return engine.importRows(branch, reader, overwrite);
}

// What a row says about its labels, without the identity its branch gives it.
QStringList labelsFingerprint(Store &store, const QString &branch)
{
    QStringList lines;
    for (const LabelRowSummary &row : rowsOn(store, branch))
        lines << QStringList{row.dataHash,
                             row.labelStatus,
                             row.createdAt.toString(Qt::ISODateWithMs),
                             row.lastEditedAt.toString(Qt::ISODateWithMs),
                             QString::number(row.objectCount),
                             row.contentHash}
                     .join(QLatin1Char('|'));
    return lines;
}

} // namespace

class TestEngineStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keysetPagesListEveryRowOnce()
    {
        Project project(57, 50);
        project.writeRowsOn(QStringLiteral("other"), 1, 10, 30, 0);
        for (const int variant : {0, 1, 2, 3}) {
            const bool all = variant & 1;
            RowQuery query;
            query.branch = all ? QString() : kMainBranch;
            query.allBranches = all;
            query.includeUninitialised = variant & 2; // every (branch, unit) pair: pages end mid-unit
            const QList<LabelRowSummary> whole = project.store().listRows(query).value();
            QList<LabelRowSummary> paged;
            int pages = 0;
            const Result<void> walked =
                RowPages::forEach(project.store(), query, 7, [&](const QList<LabelRowSummary> &page) {
                    ++pages;
                    paged += page;
                    return Result<void>();
                });
            QVERIFY2(walked.ok(), qPrintable(walked.error()));
            QCOMPARE(paged.size(), whole.size());
            QCOMPARE(pages, int((whole.size() + 6) / 7));
            for (qsizetype i = 0; i < whole.size(); ++i) {
                QCOMPARE(paged.at(i).dataHash, whole.at(i).dataHash);
                QCOMPARE(paged.at(i).branchName, whole.at(i).branchName);
            }
        }
        RowQuery wrongOrder;
        wrongOrder.order = RowQuery::Order::ObjectCount;
        wrongOrder.afterDataHash = unitHash(3);
        QVERIFY(!project.store().listRows(wrongOrder).ok());
    }

    void exportImportRoundTripOfThousands()
    {
        const int count = 3000;
        Project source(count, count);
        Engine engine(source.store(), QStringLiteral("tester"));
        const QByteArray bytes = exportBytes(engine, kMainBranch);
        // The list export gives the same rows in the same order.
        const QList<LabelRowDocument> listed = engine.exportRows(kMainBranch).value();
        QCOMPARE(listed.size(), count);
        QCOMPARE(listed.first().dataHash(), rowsOn(source.store(), kMainBranch).first().dataHash);

        Project target(count, 0);
        Engine into(target.store(), QStringLiteral("tester"));
        const Result<CopyResult> imported = importBytes(into, kMainBranch, bytes, false);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->count, count);
        QCOMPARE(imported->batchesTotal, (count + Engine::kImportBatchSize - 1) / Engine::kImportBatchSize);
        QCOMPARE(labelsFingerprint(target.store(), kMainBranch),
                 labelsFingerprint(source.store(), kMainBranch));
        // Exported again, the bytes are those of the source but for each row's label hash.
        QCOMPARE(exportBytes(into, kMainBranch).size(), bytes.size());

        // One undo takes back every batch of the import.
        QVERIFY(into.undoLast().ok());
        QVERIFY(rowsOn(target.store(), kMainBranch).isEmpty());
    }

    // Content identity is the SHA-256 of the stored bytes, the row as LabelRowDocument::toBytes() writes it:
    // two imports of one file store each content once (here: none, the source has them), and the stored
    // bytes are those of the parsed row.
    void importsOfOneFileShareTheirContents()
    {
        Project project(1200, 1100);
        Engine engine(project.store(), QStringLiteral("tester"));
        QSqlDatabase db = project.store().database();
        const auto value = [&db](const QString &statement) {
            QSqlQuery query(db);
            if (!query.exec(statement) || !query.next())
                qFatal("query failed: %s", qPrintable(statement));
            return query.value(0);
        };
        const QByteArray file = exportBytes(engine, kMainBranch);
        const qint64 contents = value(QStringLiteral("SELECT COUNT(*) FROM label_contents")).toLongLong();
        for (const QString &branch : {QStringLiteral("once"), QStringLiteral("twice")}) {
            const Result<CopyResult> imported = importBytes(engine, branch, file, false);
            QVERIFY2(imported.ok(), qPrintable(imported.error()));
            QCOMPARE(imported->count, 1100);
            // An export gives back the bytes the rows were stored with, so importing it adds no content.
            QCOMPARE(value(QStringLiteral("SELECT COUNT(*) FROM label_contents")).toLongLong(), contents);
        }
        const QString branchId = QStringLiteral("(SELECT id FROM branches WHERE name = '%1')");
        QCOMPARE(
            value(QStringLiteral("SELECT COUNT(*) FROM label_rows a JOIN label_rows b ON b.data_unit_id = "
                                 "a.data_unit_id AND b.content_id = a.content_id WHERE a.branch_id = %1 "
                                 "AND b.branch_id = %2")
                      .arg(branchId.arg(QStringLiteral("once")), branchId.arg(QStringLiteral("twice"))))
                .toLongLong(),
            1100);

        QBuffer buffer;
        buffer.setData(file);
        buffer.open(QIODevice::ReadOnly);
        LabelRowArrayReader reader(buffer);
        const LabelRowDocument first = reader.next().value().value();
        const QByteArray stored = qUncompress(
            value(QStringLiteral("SELECT c.content FROM label_rows r JOIN data_units du ON du.id = "
                                 "r.data_unit_id JOIN label_content_bytes c ON c.content_id = r.content_id "
                                 "WHERE r.branch_id = %1 AND du.data_hash = '%2'")
                      .arg(branchId.arg(QStringLiteral("once")), first.dataHash()))
                .toByteArray());
        QCOMPARE(stored, first.toBytes());
    }

    void badRowInTheMiddleWritesNothing()
    {
        Project project(3000, 100);
        Engine engine(project.store(), QStringLiteral("tester"));
        const QStringList before = branchFingerprint(project.store(), kMainBranch);
        const int operationsBefore = int(project.store().operations().value().size());

        const Result<CopyResult> imported = importBytes(engine, kMainBranch, rowsFile(3000, 1500), true);
        QVERIFY(!imported.ok());
        QVERIFY2(imported.error().contains(QStringLiteral("row 1500")), qPrintable(imported.error()));
        QCOMPARE(branchFingerprint(project.store(), kMainBranch), before);
        QCOMPARE(int(project.store().operations().value().size()), operationsBefore);

        const Result<CopyResult> toNew =
            importBytes(engine, QStringLiteral("new"), rowsFile(3000, 2999), false);
        QVERIFY(!toNew.ok());
        QVERIFY(!hasBranch(project.store(), QStringLiteral("new")));
        QCOMPARE(int(project.store().operations().value().size()), operationsBefore);
    }

    void clashFoundBeforeWriting()
    {
        Project project(1200, 0);
        project.writeRowsOn(QStringLiteral("target"), 1, 1100, 1101, 0);
        Engine engine(project.store(), QStringLiteral("tester"));
        const Result<CopyResult> imported =
            importBytes(engine, QStringLiteral("target"), rowsFile(1200), false);
        QVERIFY(!imported.ok());
        QCOMPARE(imported.errorKind(), ErrorKind::Conflict);
        QVERIFY2(imported.error().contains(QStringLiteral("row 1101")), qPrintable(imported.error()));
        QCOMPARE(rowsOn(project.store(), QStringLiteral("target")).size(), 1);
        QVERIFY(project.store().operations().value().isEmpty());
    }

    void failedBatchTakesBackTheImport()
    {
        Project project(1600, 1000);
        const QStringList before = branchFingerprint(project.store(), kMainBranch);
        FailingWriteStore failing(project.store(), 3);
        Engine engine(failing, QStringLiteral("tester"));

        const Result<CopyResult> toMain = importBytes(engine, kMainBranch, rowsFile(1600), true);
        QVERIFY(!toMain.ok());
        QVERIFY2(toMain.error().contains(QStringLiteral("nothing was written")), qPrintable(toMain.error()));
        QVERIFY2(toMain.error().contains(QStringLiteral("simulated full disk")), qPrintable(toMain.error()));
        QCOMPARE(branchFingerprint(project.store(), kMainBranch), before);
        QVERIFY(!engine.lastUndoable().value().id);

        failing.writeRowsCalls = 0;
        const Result<CopyResult> toNew = importBytes(engine, QStringLiteral("fresh"), rowsFile(1600), false);
        QVERIFY(!toNew.ok());
        QVERIFY(!hasBranch(project.store(), QStringLiteral("fresh")));
    }

    void cancelDuringWritesTakesBackTheImport()
    {
        Project project(1500, 0);
        Engine engine(project.store(), QStringLiteral("tester"));
        std::atomic_bool cancel{false};
        JobControl control;
        control.cancelFlag = &cancel;
        control.onProgress = [&](const Progress &p) {
            if (p.batchesDone == 1)
                cancel = true;
        };
        QBuffer buffer;
        buffer.setData(rowsFile(1500));
        buffer.open(QIODevice::ReadOnly);
        LabelRowArrayReader reader(buffer);
        const Result<CopyResult> imported =
            engine.importRows(QStringLiteral("cancelled"), reader, false, control);
        QVERIFY(!imported.ok());
        QCOMPARE(imported.errorKind(), ErrorKind::Cancelled);
        QVERIFY(!hasBranch(project.store(), QStringLiteral("cancelled")));
    }

    void importReadsAPipeTwice()
    {
        Project project(700, 0);
        Engine engine(project.store(), QStringLiteral("tester"));
        SequentialBuffer pipe(rowsFile(700));
        pipe.open(QIODevice::ReadOnly);
        LabelRowArrayReader reader(pipe, QStringLiteral("stdin"));
        const Result<CopyResult> imported = engine.importRows(QStringLiteral("piped"), reader, false);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->count, 700);
        QCOMPARE(rowsOn(project.store(), QStringLiteral("piped")).size(), 700);
    }

    void exportSinkFailureStops()
    {
        Project project(250, 250);
        Engine engine(project.store(), QStringLiteral("tester"));
        int taken = 0;
        const Result<qint64> exported = engine.exportRows(
            kMainBranch,
            [&](const LabelRowDocument &) -> Result<void> {
                if (++taken == 120)
                    return fail(QStringLiteral("disk full"));
                return {};
            },
            50);
        QVERIFY(!exported.ok());
        QCOMPARE(exported.error(), QStringLiteral("disk full"));
        QCOMPARE(taken, 120);
    }
};

QTEST_GUILESS_MAIN(TestEngineStream)
#include "tst_engine_stream.moc"
