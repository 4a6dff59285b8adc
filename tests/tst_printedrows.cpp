#include "output/jsonarrayprinter.h"
#include "output/jsonoutput.h"

#include <QTimeZone>
#include <QtTest>

using namespace lb;

namespace {

Ontology classes()
{
    Ontology o;
    o.objects.append(OntologyObject{QStringLiteral("carHash1"), QStringLiteral("Car"),
                                    QStringLiteral("bounding_box"), QStringLiteral("#1E88E5")});
    o.objects.append(OntologyObject{QStringLiteral("carHash2"), QStringLiteral("Car"),
                                    QStringLiteral("polygon"), QStringLiteral("#1E88E6")});
    o.objects.append(OntologyObject{QStringLiteral("pedHash1"), QStringLiteral("Pi\u00e9ton \"walking\""),
                                    QStringLiteral("bounding_box"), QStringLiteral("#E53935")});
    o.objects.append(OntologyObject{QStringLiteral("busHash1"), QStringLiteral("bus"),
                                    QStringLiteral("bounding_box"), QStringLiteral("#E53936")});
    return o;
}

LabelRowSummary fullRow()
{
    LabelRowSummary row;
    row.dataHash = QStringLiteral("aaaaaaaa-0000-4000-8000-00000000000a");
    row.labelHash = QStringLiteral("11111111-1111-4111-8111-111111111111");
    row.branchName = QStringLiteral("main");
    row.dataTitle = QStringLiteral("drive-0001/cam-front/000034.jpg");
    row.dataType = DataType::Video;
    row.labelStatus = QStringLiteral("LABELLED");
    row.createdAt = QDateTime(QDate(2026, 1, 2), QTime(3, 4, 5), QTimeZone::utc());
    row.lastEditedAt = QDateTime(QDate(2026, 11, 20), QTime(9, 0, 0, 999), QTimeZone(-5 * 3600));
    row.objectCount = 12;
    row.classificationCount = 3;
    row.classCounts = {{QStringLiteral("carHash1"), 4},
                       {QStringLiteral("carHash2"), 2},
                       {QStringLiteral("pedHash1"), 5},
                       {QStringLiteral("busHash1"), 1},
                       {QStringLiteral("unknownHash"), 1}};
    row.contentHash = QStringLiteral("c8e4be90895f2f245edd12993f824e0c42255ead0d567c1d087c69f8b2393a7f");
    return row;
}

} // namespace

class TestPrintedRows : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void printedRowIsTheDumpedRow_data()
    {
        QTest::addColumn<LabelRowSummary>("row");
        QTest::newRow("full") << fullRow();

        LabelRowSummary copied = fullRow();
        copied.provenance.sourceBranch = QStringLiteral("review/night");
        copied.provenance.sourceContentHash = QStringLiteral("0693d3d7");
        copied.provenance.copiedAt = QDateTime(QDate(2025, 6, 30), QTime(23, 59, 59), QTimeZone::utc());
        QTest::newRow("provenance") << copied;

        LabelRowSummary partial = copied;
        partial.provenance.sourceContentHash.clear();
        partial.provenance.copiedAt = QDateTime();
        QTest::newRow("provenance without hash or time") << partial;

        LabelRowSummary uninitialised;
        uninitialised.dataHash = QStringLiteral("bbbbbbbb-0000-4000-8000-00000000000b");
        uninitialised.branchName = QStringLiteral("main");
        uninitialised.dataTitle = QStringLiteral("empty.jpg");
        uninitialised.labelStatus = QStringLiteral("NOT_LABELLED");
        QTest::newRow("uninitialised") << uninitialised;

        LabelRowSummary awkward = fullRow();
        awkward.dataTitle = QStringLiteral("tab\there \"q\" back\\slash \u00e9\u4e2d\U0001F600 ") +
                            QChar(0x01) + QChar(0x1f) + QChar(0x7f) + QChar(0x0c) + QChar(0x08) +
                            QChar(0x0d) + QChar(0x0a);
        awkward.branchName = QStringLiteral("\u00fcber/\"x\"");
        awkward.classCounts.clear();
        awkward.createdAt = QDateTime(QDate(12000, 1, 1), QTime(0, 0), QTimeZone::utc());
        awkward.lastEditedAt = QDateTime(QDate(1, 1, 1), QTime(0, 0), QTimeZone::utc());
        awkward.objectCount = -1;
        QTest::newRow("awkward text and times") << awkward;
    }

    void printedRowIsTheDumpedRow()
    {
        QFETCH(LabelRowSummary, row);
        const JsonOutput output(classes());
        for (const int depth : {0, 1, 3})
            QCOMPARE(output.printedRow(row, depth), JsonArrayPrinter::indented(output.row(row), depth));
    }

    void printedDiffEntryIsTheDumpedEntry()
    {
        const JsonOutput output(classes());
        DiffEntry entry;
        entry.dataHash = QStringLiteral("aaaaaaaa-0000-4000-8000-00000000000a");
        entry.dataTitle = QStringLiteral("r\u00e9pertoire/\"quoted\"\tname.jpg");
        entry.dataType = DataType::Video;
        entry.sourceLabelHash = QStringLiteral("11111111-1111-4111-8111-111111111111");
        entry.sourceCount = 3;
        entry.targetCount = 1;
        entry.delta = -2;
        entry.status = DiffStatus::CountDiffers;
        entry.classDeltas = {{QStringLiteral("carHash1"), -1},
                             {QStringLiteral("carHash2"), -2},
                             {QStringLiteral("pedHash1"), 1},
                             {QStringLiteral("unknownHash"), 0}};
        entry.sourceContentHash = QStringLiteral("c8e4be90");
        for (const int depth : {0, 2}) {
            QCOMPARE(output.printedDiffEntry(entry, depth),
                     JsonArrayPrinter::indented(output.diffEntry(entry), depth));
            QCOMPARE(output.printedDiffEntry(DiffEntry(), depth),
                     JsonArrayPrinter::indented(output.diffEntry(DiffEntry()), depth));
        }
    }

    void printedElementsMakeTheSameArray()
    {
        const JsonOutput output(classes());
        QList<LabelRowSummary> rows = {fullRow(), fullRow()};
        rows[1].labelHash.clear();
        for (const int depth : {0, 2}) {
            for (const qsizetype count : {0, 1, 2}) {
                QByteArray added, printed;
                JsonArrayPrinter byValue([&](const QByteArray &b) { added += b; }, depth);
                JsonArrayPrinter byText([&](const QByteArray &b) { printed += b; }, depth);
                for (qsizetype i = 0; i < count; ++i) {
                    byValue.add(output.row(rows.at(i)));
                    byText.addPrinted(output.printedRow(rows.at(i), depth + 1));
                }
                byValue.close();
                byText.close();
                QCOMPARE(printed, added);
            }
        }
    }
};

QTEST_GUILESS_MAIN(TestPrintedRows)
#include "tst_printedrows.moc"
