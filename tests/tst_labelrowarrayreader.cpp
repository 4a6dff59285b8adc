#include "domain/jsonarrayelements.h"
#include "domain/labelrowarrayreader.h"
#include "domain/preparedcontent.h"
#include "enginefixture.h"

#include <QBuffer>
#include <QtTest>

using namespace lb;
using namespace lb::test;

namespace {

// Every element of `bytes`, or the first error.
Result<QList<QByteArray>> elementsOf(const QByteArray &bytes, qsizetype maxElementBytes = 1 << 20)
{
    QBuffer buffer;
    buffer.setData(bytes);
    buffer.open(QIODevice::ReadOnly);
    JsonArrayElements elements(buffer, maxElementBytes);
    QList<QByteArray> out;
    for (;;) {
        Result<std::optional<JsonArrayElements::Element>> element = elements.next();
        if (!element)
            return element.takeError();
        if (!element->has_value())
            return out;
        out.append(element->value().bytes);
    }
}

} // namespace

class TestLabelRowArrayReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void cutsTheArrayIntoElements()
    {
        const QByteArray text = " [ {\"a\": \"x]\\\"},\", \"b\": [1, {\"c\": []}]} ,\n"
                                "  \"s\\\\\", 12 ,-3.5e2,true,null,[ ]] ";
        const Result<QList<QByteArray>> elements = elementsOf(text);
        QVERIFY2(elements.ok(), qPrintable(elements.error()));
        QCOMPARE(elements.value(), (QList<QByteArray>{"{\"a\": \"x]\\\"},\", \"b\": [1, {\"c\": []}]}",
                                                      "\"s\\\\\"", "12", "-3.5e2", "true", "null", "[ ]"}));
        QVERIFY(elementsOf(" [ ] \n").value().isEmpty());
        QVERIFY(elementsOf("[]").value().isEmpty());
    }

    void refusesWhatIsNotOneArray_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty") << QByteArray("  ") << QStringLiteral("the input is empty");
        QTest::newRow("object") << QByteArray("{\"a\": 1}") << QStringLiteral("top-level value is an object");
        QTest::newRow("zero bytes") << QByteArray(64, '\0') << QStringLiteral("byte 0x00");
        QTest::newRow("not closed") << QByteArray("[1, 2") << QStringLiteral("not closed");
        QTest::newRow("garbage after") << QByteArray("[1] x") << QStringLiteral("after the end of the array");
        QTest::newRow("missing comma")
            << QByteArray("[{} {}]") << QStringLiteral("expected ',' or ']' after row 1");
        QTest::newRow("trailing comma") << QByteArray("[{},]") << QStringLiteral("expected a row");
        QTest::newRow("open string") << QByteArray("[\"abc") << QStringLiteral("inside row 1");
    }

    void refusesWhatIsNotOneArray()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, message);
        const Result<QList<QByteArray>> elements = elementsOf(input);
        QVERIFY(!elements.ok());
        QVERIFY2(elements.error().contains(message), qPrintable(elements.error()));
    }

    // Input that never closes a row stops at a limit instead of growing without bound.
    void endlessInputFailsAtALimit()
    {
        const QByteArray brackets(50 * 1024 * 1024, '[');
        const Result<QList<QByteArray>> deep = elementsOf(brackets);
        QVERIFY(!deep.ok());
        QVERIFY2(deep.error().contains(QStringLiteral("nested more than")), qPrintable(deep.error()));

        QByteArray huge = "[\"";
        huge += QByteArray(8 * 1024 * 1024, 'a');
        const Result<QList<QByteArray>> big = elementsOf(huge, 2 * 1024 * 1024);
        QVERIFY(!big.ok());
        QVERIFY2(big.error().contains(QStringLiteral("row 1 is larger than 2 MB")), qPrintable(big.error()));
    }

    void readsRowsAndNamesTheBadOne()
    {
        nlohmann::json array = nlohmann::json::array();
        for (int i = 0; i < 4; ++i)
            array.push_back(imageRowJson(i, QStringLiteral("main"), labelHashFor(0, i), 2, 0));
        array[2]["data_title"] = "broken.jpg";
        array[2]["data_units"] = 42;
        QBuffer buffer;
        buffer.setData(QByteArray::fromStdString(array.dump()));
        buffer.open(QIODevice::ReadOnly);
        LabelRowArrayReader reader(buffer, QStringLiteral("rows.json"));
        for (int i = 0; i < 2; ++i) {
            Result<std::optional<LabelRowDocument>> row = reader.next();
            QVERIFY2(row.ok(), qPrintable(row.error()));
            QCOMPARE(row->value().dataHash(), unitHash(i));
            QCOMPARE(row->value().objectInstanceCount(), 2);
        }
        const Result<std::optional<LabelRowDocument>> bad = reader.next();
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().startsWith(QStringLiteral("rows.json: row 3")), qPrintable(bad.error()));
        QVERIFY2(bad.error().contains(QStringLiteral("broken.jpg")), qPrintable(bad.error()));

        // Read again from the start: the same first row.
        QVERIFY(reader.rewind().ok());
        QCOMPARE(reader.next().value()->dataHash(), unitHash(0));
    }

    // The first reading of an import only checks; it must refuse exactly what the full reading refuses, with
    // the same message, and keep the identity the checks need.
    void checkedReadingRefusesWhatTheFullReadingRefuses_data()
    {
        QTest::addColumn<QString>("pointer");
        QTest::addColumn<QByteArray>("value");
        QTest::newRow("fine") << QString() << QByteArray();
        QTest::newRow("units") << QStringLiteral("/data_units") << QByteArray("42");
        QTest::newRow("type") << QStringLiteral("/data_type") << QByteArray("42");
        QTest::newRow("object hash") << QStringLiteral("/data_units/%1/labels/objects/0/objectHash")
                                     << QByteArray("7");
        QTest::newRow("geometry") << QStringLiteral("/data_units/%1/labels/objects/1/boundingBox")
                                  << QByteArray("\"wide\"");
        QTest::newRow("confidence") << QStringLiteral("/data_units/%1/labels/objects/0/confidence")
                                    << QByteArray("\"high\"");
        QTest::newRow("classification") << QStringLiteral("/data_units/%1/labels/classifications")
                                        << QByteArray("[{\"classificationHash\": 3}]");
        QTest::newRow("unplaced answer")
            << QStringLiteral("/classification_answers") << QByteArray("{\"c1\": {\"createdBy\": 5}}");
    }

    void checkedReadingRefusesWhatTheFullReadingRefuses()
    {
        QFETCH(QString, pointer);
        QFETCH(QByteArray, value);
        nlohmann::json row = imageRowJson(1, QStringLiteral("main"), labelHashFor(0, 1), 2, 0);
        if (!pointer.isEmpty()) {
            const std::string unit = row["data_units"].begin().key();
            const nlohmann::json::json_pointer at(pointer.arg(QString::fromStdString(unit)).toStdString());
            row[at] = nlohmann::json::parse(value.toStdString());
        }
        const QByteArray text = QByteArray::fromStdString(nlohmann::json::array({row}).dump());
        const auto readWith = [&text](bool checkedOnly) {
            QBuffer buffer;
            buffer.setData(text);
            buffer.open(QIODevice::ReadOnly);
            LabelRowArrayReader reader(buffer, QStringLiteral("rows.json"));
            return checkedOnly ? reader.nextChecked() : reader.next();
        };
        const Result<std::optional<LabelRowDocument>> full = readWith(false);
        const Result<std::optional<LabelRowDocument>> checked = readWith(true);
        QCOMPARE(checked.ok(), full.ok());
        if (!full.ok()) {
            QCOMPARE(checked.error(), full.error());
            return;
        }
        QCOMPARE(checked->value().dataHash(), full->value().dataHash());
        QCOMPARE(checked->value().dataTitle(), full->value().dataTitle());
        QCOMPARE(full->value().objectInstanceCount(), 2);
        // The objects stay, to be counted and named, but without their geometry or attributes.
        QCOMPARE(checked->value().objectInstanceCount(), 2);
        QCOMPARE(checked->value().classCounts(), full->value().classCounts());
        QCOMPARE(checked->value().objects().constFirst().name, QStringLiteral("Apple"));
        QCOMPARE(checked->value().objects().constFirst().geometry.shape, ShapeType::BoundingBox);
        QCOMPARE(checked->value().objects().constFirst().geometry.w, 0.0);
        QVERIFY(checked->value().json().is_null());
    }

    // Rows read to be written keep the stored form only: the same bytes, digest, counts and content hash as
    // the parsed row, and no parsed tree; changing the identity brings the labels back.
    void readingForStoringKeepsOnlyTheStoredForm()
    {
        nlohmann::json row = imageRowJson(3, QStringLiteral("main"), labelHashFor(0, 3), 3, 0);
        const QByteArray text = QByteArray::fromStdString(nlohmann::json::array({row, row}).dump());
        QBuffer buffer;
        buffer.setData(text);
        buffer.open(QIODevice::ReadOnly);
        LabelRowArrayReader reader(buffer);
        const Result<QList<LabelRowDocument>> batch = reader.nextBatch(2, RowReading::ForStoring);
        QVERIFY2(batch.ok(), qPrintable(batch.error()));
        QCOMPARE(batch->size(), 2);
        LabelRowDocument stored = batch->constFirst();
        const LabelRowDocument parsed = LabelRowDocument::fromJson(row).value();
        QVERIFY(stored.holdsOnlyStoredForm());
        QVERIFY(stored.objects().isEmpty());
        QVERIFY(stored.json().is_null());
        QCOMPARE(stored.toBytes(), parsed.toBytes());
        QCOMPARE(stored.contentHash(), parsed.contentHash());
        QCOMPARE(stored.objectInstanceCount(), 3);
        QCOMPARE(stored.classCounts(), parsed.classCounts());
        QCOMPARE(stored.storedForm()->digest, contentpacking::sha256Hex(parsed.toBytes()));
        QCOMPARE(qUncompress(stored.storedForm()->compressed), parsed.toBytes());

        LabelRowDocument renamed = parsed;
        renamed.setBranchName(QStringLiteral("review"));
        stored.setBranchName(QStringLiteral("review"));
        QVERIFY(!stored.holdsOnlyStoredForm());
        QCOMPARE(stored.objects().size(), parsed.objects().size());
        QCOMPARE(stored.toBytes(), renamed.toBytes());
        QCOMPARE(stored.storedForm()->digest, contentpacking::sha256Hex(renamed.toBytes()));
    }

    // Reading one branch skips the rows of the others, also across whole batches of them; a row without a
    // branch_name is on main.
    void keepsOnlyTheRowsOfOneBranch()
    {
        nlohmann::json array = nlohmann::json::array();
        const QStringList branches{QStringLiteral("other"),
                                   QStringLiteral("other"),
                                   QStringLiteral("main"),
                                   QStringLiteral("other"),
                                   QString(),
                                   QStringLiteral("other")};
        for (int i = 0; i < branches.size(); ++i) {
            array.push_back(imageRowJson(i, QStringLiteral("main"), labelHashFor(0, i), 1, 0));
            if (branches.at(i).isEmpty())
                array.back().erase("branch_name");
            else
                array.back()["branch_name"] = branches.at(i).toStdString();
        }
        for (const RowReading reading : {RowReading::Checked, RowReading::Parsed, RowReading::ForStoring}) {
            QBuffer buffer;
            buffer.setData(QByteArray::fromStdString(array.dump()));
            buffer.open(QIODevice::ReadOnly);
            LabelRowArrayReader reader(buffer);
            reader.keepOnlyBranch(QStringLiteral("main"));
            QStringList read;
            for (;;) {
                const Result<QList<LabelRowDocument>> batch = reader.nextBatch(2, reading);
                QVERIFY2(batch.ok(), qPrintable(batch.error()));
                if (batch->isEmpty())
                    break;
                for (const LabelRowDocument &row : batch.value())
                    read.append(row.dataHash());
            }
            QCOMPARE(read, (QStringList{unitHash(2), unitHash(4)}));
        }
    }

    void invalidJsonInARowNamesTheRowAndByte()
    {
        const QByteArray text = "[{\"a\": 1},\n {\"b\": ]}]";
        QBuffer buffer;
        buffer.setData(text);
        buffer.open(QIODevice::ReadOnly);
        LabelRowArrayReader reader(buffer);
        QVERIFY(!reader.next().ok()); // not a label row, but valid JSON
        const Result<std::optional<LabelRowDocument>> bad = reader.next();
        QVERIFY(!bad.ok());
        QVERIFY2(bad.error().startsWith(QStringLiteral("row 2: invalid JSON at byte 18")),
                 qPrintable(bad.error()));
    }
};

QTEST_GUILESS_MAIN(TestLabelRowArrayReader)
#include "tst_labelrowarrayreader.moc"
