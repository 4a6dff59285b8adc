#include "domain/jsonarrayelements.h"
#include "domain/labelrowarrayreader.h"
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
        QVERIFY(checked->value().objects().isEmpty()); // nothing of the labels is kept
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
