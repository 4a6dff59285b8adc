#include "domain/labelrowarrayreader.h"
#include "domain/labelrowbytes.h"
#include "enginefixture.h"

#include <QBuffer>
#include <QTimeZone>
#include <QtTest>

using namespace lb;
using namespace lb::test;
using json = nlohmann::json;

namespace {

// The document path: parse, the identity setters, toBytes().
QByteArray documentBytes(const QByteArray &stored, const LabelRowIdentity &identity)
{
    Result<LabelRowDocument> parsed = LabelRowDocument::fromBytes(stored);
    if (!parsed)
        qFatal("test row does not parse: %s", qPrintable(parsed.error()));
    LabelRowDocument document = std::move(parsed).value();
    document.setLabelHash(identity.labelHash);
    document.setBranchName(identity.branchName);
    document.setLabelStatus(identity.labelStatus);
    document.setTimestamps(identity.createdAt, identity.lastEditedAt);
    return document.toBytes();
}

QByteArray patched(const QByteArray &stored, const LabelRowIdentity &identity)
{
    const Result<QByteArray> bytes = LabelRowBytes::withIdentity(stored, identity);
    if (!bytes)
        qFatal("patching failed: %s", qPrintable(bytes.error()));
    return bytes.value();
}

LabelRowIdentity someIdentity()
{
    LabelRowIdentity identity;
    identity.labelHash = QStringLiteral("99999999-1111-4111-8111-000000000009");
    identity.branchName = QStringLiteral("review/\"night\" \u00e9t\u00e9");
    identity.labelStatus = QStringLiteral("REVIEWED");
    identity.createdAt = QDateTime(QDate(2024, 2, 29), QTime(23, 59, 58, 450), QTimeZone::utc());
    identity.lastEditedAt = QDateTime(QDate(2025, 1, 1), QTime(0, 0, 1), QTimeZone(3600));
    return identity;
}

// The CLI's export file: "[", rows separated by ",\n", "]".
template <typename Row, typename Export, typename Bytes>
QByteArray exportFile(const Export &exportRows, const Bytes &bytesOf)
{
    QByteArray file;
    qint64 count = 0;
    const Result<qint64> exported = exportRows([&](const Row &row) -> Result<void> {
        file += (count++ == 0 ? "[\n" : ",\n") + bytesOf(row);
        return {};
    });
    if (!exported)
        qFatal("export failed: %s", qPrintable(exported.error()));
    return file + (count == 0 ? "[]\n" : "\n]\n");
}

QByteArray documentExport(Engine &engine, const QString &branch, int bundleSize = 100)
{
    return exportFile<LabelRowDocument>(
        [&](const Engine::RowSink &sink) { return engine.exportRows(branch, sink, bundleSize); },
        [](const LabelRowDocument &row) { return row.toBytes(); });
}

QByteArray byteExport(Engine &engine, const QString &branch, int bundleSize = 100)
{
    return exportFile<QByteArray>(
        [&](const Engine::RowBytesSink &sink) { return engine.exportRowBytes(branch, sink, bundleSize); },
        [](const QByteArray &row) { return row; });
}

// A store without bytes of its own: the interface's default, built from documents.
class DocumentOnlyStore final : public ForwardingStore
{
public:
    using ForwardingStore::ForwardingStore;
    Result<QList<QByteArray>> fetchContentBytes(const QString &branch, const QStringList &hashes) override
    {
        return Store::fetchContentBytes(branch, hashes);
    }
};

} // namespace

class TestLabelRowBytes : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void patchedBytesEqualTheDocumentPath_data()
    {
        QTest::addColumn<QByteArray>("stored");
        const json row = imageRowJson(3, QStringLiteral("main"), labelHashFor(0, 3), 3, 1);
        const auto dump = [](const json &value) { return QByteArray::fromStdString(value.dump()); };
        QTest::newRow("as stored") << dump(row);

        json withoutIdentity = row;
        for (const char *key : {"branch_name", "created_at", "label_hash", "label_status", "last_edited_at"})
            withoutIdentity.erase(key);
        QTest::newRow("identity missing") << dump(withoutIdentity);

        json nulls = row;
        nulls["label_hash"] = nullptr;
        nulls["created_at"] = nullptr;
        QTest::newRow("identity null") << dump(nulls);

        json awkward = row;
        awkward["data_title"] = "tab\there \"quoted\" }{ ][ \\ caf\u00e9 \x01 \x1f";
        awkward["aaa_first"] = json::array({1, 2.5, -0.0, 1e300, true, nullptr, "]", json::object()});
        awkward["zzz_last"] = {{"nested", {{"deep", json::array({json::array({"{"})})}}}, {"empty", ""}};
        awkward["label_hash_extra"] = "between two identity keys";
        awkward["label_s"] = 7;
        QTest::newRow("awkward values") << dump(awkward);

        // Not as toBytes() writes it: parsed and written again.
        QTest::newRow("pretty") << QByteArray::fromStdString(row.dump(2));
        QByteArray unsorted = dump(row);
        unsorted.replace("{\"branch_name\":", "{\"zz\":1,\"branch_name\":");
        QTest::newRow("unsorted keys") << unsorted;
        QByteArray escapes = dump(awkward);
        escapes.replace("caf\xc3\xa9", "caf\\u00e9\\/");
        QTest::newRow("other escapes") << escapes;
        QByteArray escapedKey = dump(row);
        escapedKey.replace("\"data_type\"", "\"data\\u005ftype\"");
        QTest::newRow("escaped key") << escapedKey;
    }

    void patchedBytesEqualTheDocumentPath()
    {
        QFETCH(QByteArray, stored);
        QCOMPARE(patched(stored, someIdentity()), documentBytes(stored, someIdentity()));
        // Empty identity values become null (the branch name an empty string), invalid times null.
        LabelRowIdentity empty;
        QCOMPARE(patched(stored, empty), documentBytes(stored, empty));
    }

    // A timestamp keeps its spelling while the row's instant is the same, in both paths; another instant
    // is written in the long form.
    void timestampsKeepTheirSpellingForTheSameInstant()
    {
        json row = imageRowJson(3, QStringLiteral("main"), labelHashFor(0, 3), 2, 0);
        row["created_at"] = "2023-02-09 14:12:03";
        row["last_edited_at"] = "Thu, 09 Feb 2023 15:00:00 UTC";
        LabelRowIdentity identity = someIdentity();
        identity.createdAt = QDateTime(QDate(2023, 2, 9), QTime(14, 12, 3), QTimeZone::utc());
        identity.lastEditedAt = QDateTime(QDate(2023, 2, 9), QTime(16, 0, 0), QTimeZone(3600));
        for (const QByteArray &stored :
             {QByteArray::fromStdString(row.dump()), QByteArray::fromStdString(row.dump(2))}) {
            const QByteArray bytes = patched(stored, identity);
            QCOMPARE(bytes, documentBytes(stored, identity));
            QVERIFY2(bytes.contains("\"created_at\":\"2023-02-09 14:12:03\""), bytes.constData());
            QVERIFY2(bytes.contains("\"last_edited_at\":\"Thu, 09 Feb 2023 15:00:00 UTC\""),
                     bytes.constData());

            LabelRowIdentity later = identity;
            later.createdAt = later.createdAt.addSecs(1);
            const QByteArray moved = patched(stored, later);
            QCOMPARE(moved, documentBytes(stored, later));
            QVERIFY2(moved.contains("\"created_at\":\"Thu, 09 Feb 2023 14:12:04 UTC\""), moved.constData());
        }
        // Escaped, the same text is read by a parse and kept all the same.
        QByteArray escaped = QByteArray::fromStdString(row.dump());
        escaped.replace("2023-02-09 14:12:03", "2023-02-09\u0020\u0031\u0034:12:03");
        const QByteArray bytes = patched(escaped, identity);
        QCOMPARE(bytes, documentBytes(escaped, identity));
        QVERIFY2(bytes.contains("\"created_at\":\"2023-02-09 14:12:03\""), bytes.constData());
    }

    void brokenJsonFails()
    {
        for (const QByteArray &bytes : {QByteArray("{\"a\":"), QByteArray("[1,2]"), QByteArray("not json")}) {
            const Result<QByteArray> result = LabelRowBytes::withIdentity(bytes, someIdentity());
            QVERIFY2(!result.ok(), bytes.constData());
        }
    }

    void byteExportEqualsTheDocumentExport()
    {
        Project project(40, 25);
        Engine engine(project.store(), QStringLiteral("tester"));
        // Copies and snapshots share contents and give rows derived label hashes.
        CopyRequest copy;
        copy.targetBranch = QStringLiteral("copy");
        copy.dataHashes = {unitHash(1), unitHash(4), unitHash(7)};
        QVERIFY(engine.copy(copy).ok());
        project.writeRowsOn(QStringLiteral("copy"), 2, 30, 34, 2);
        QVERIFY(engine.snapshot(kMainBranch, QStringLiteral("snap")).ok());
        QVERIFY(engine.createBranch(QStringLiteral("empty"), QString()).ok());

        for (const QString &branch :
             {kMainBranch, QStringLiteral("copy"), QStringLiteral("snap"), QStringLiteral("empty")}) {
            for (const int bundleSize : {1, 7, 100}) {
                const QByteArray bytes = byteExport(engine, branch, bundleSize);
                QCOMPARE(bytes, documentExport(engine, branch, bundleSize));
                // The interface's default gives the same.
                DocumentOnlyStore documentsOnly(project.store());
                Engine viaDocuments(documentsOnly, QStringLiteral("tester"));
                QCOMPARE(byteExport(viaDocuments, branch, bundleSize), bytes);
            }
        }
        QVERIFY(byteExport(engine, QStringLiteral("snap")) != byteExport(engine, kMainBranch));
    }

    void byteExportImportsBackIdentically()
    {
        Project source(300, 260);
        Engine engine(source.store(), QStringLiteral("tester"));
        const QByteArray bytes = byteExport(engine, kMainBranch);

        Project target(300, 0);
        Engine into(target.store(), QStringLiteral("tester"));
        QBuffer buffer;
        buffer.setData(bytes);
        QVERIFY(buffer.open(QIODevice::ReadOnly));
        LabelRowArrayReader reader(buffer);
        const Result<CopyResult> imported = into.importRows(QStringLiteral("imp"), reader, false);
        QVERIFY2(imported.ok(), qPrintable(imported.error()));
        QCOMPARE(imported->count, 260);
        // Timestamps come back as the rows spell them.
        QVERIFY(bytes.contains("\"created_at\":\"2025-01-01 10:00:00\""));
        // Exported again from the import, every row is the same but for its branch name.
        QByteArray again = byteExport(into, QStringLiteral("imp"));
        again.replace("\"branch_name\":\"imp\"", "\"branch_name\":\"main\"");
        QCOMPARE(again, bytes);
    }

    void bytesFollowTheRequestedOrder()
    {
        Project project(12, 12);
        QStringList hashes;
        for (const int i : {9, 2, 11, 0})
            hashes << labelHashFor(0, i);
        const Result<QList<QByteArray>> bytes = project.store().fetchContentBytes(kMainBranch, hashes);
        QVERIFY2(bytes.ok(), qPrintable(bytes.error()));
        const Result<QList<LabelRowDocument>> documents = project.store().fetchContents(kMainBranch, hashes);
        QVERIFY(documents.ok());
        QCOMPARE(bytes->size(), 4);
        for (int i = 0; i < 4; ++i)
            QCOMPARE(bytes->at(i), documents->at(i).toBytes());
        QVERIFY(!project.store().fetchContentBytes(kMainBranch, {QStringLiteral("nope")}).ok());
        QVERIFY(!project.store().fetchContentBytes(QStringLiteral("ghost"), hashes).ok());
    }
};

QTEST_GUILESS_MAIN(TestLabelRowBytes)
#include "tst_labelrowbytes.moc"
