#include "tableprinter.h"

#include <QtTest>

using namespace lb;
using namespace lb::cli;

namespace {

// The table as it should print: every column as wide as its widest cell, two spaces apart, the last column
// not padded, trailing blanks dropped.
QByteArray expectedTable(const QList<QStringList> &lines, int rightAligned)
{
    QList<qsizetype> widths(lines.constFirst().size(), 0);
    for (const QStringList &cells : lines)
        for (qsizetype c = 0; c < cells.size(); ++c)
            widths[c] = std::max(widths[c], cells.at(c).size());
    QByteArray out;
    for (const QStringList &cells : lines) {
        QStringList padded;
        for (qsizetype c = 0; c < cells.size(); ++c) {
            const bool last = c == cells.size() - 1;
            padded << (c == rightAligned ? cells.at(c).rightJustified(widths[c])
                       : last            ? cells.at(c)
                                         : cells.at(c).leftJustified(widths[c]));
        }
        QString line = padded.join(QStringLiteral("  "));
        while (line.endsWith(QLatin1Char(' ')))
            line.chop(1);
        out += line.toUtf8() + '\n';
    }
    return out;
}

} // namespace

class TestTablePrinter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void shortTableIsAligned()
    {
        TablePrinter table({QStringLiteral("TITLE"), QStringLiteral("N"), QStringLiteral("NOTE")});
        table.setRightAligned(1);
        table.addRow({QStringLiteral("caf\u00e9/1.jpg"), QStringLiteral("12"), QString()});
        table.addRow({QStringLiteral("b"), QStringLiteral("3")}); // missing cells are empty
        QByteArray out;
        QVERIFY(table.write([&out](const QByteArray &piece) { out += piece; }).ok());
        QCOMPARE(out, QByteArray("TITLE        N  NOTE\n"
                                 "caf\xc3\xa9/1.jpg  12\n"
                                 "b            3\n"));
        QCOMPARE(table.rowCount(), 2);
    }

    void longTableWaitsOnDiskAndPrintsTheSame()
    {
        const QStringList headers = {QStringLiteral("TITLE"), QStringLiteral("COUNT"), QStringLiteral("WHY")};
        QList<QStringList> lines = {headers};
        TablePrinter table(headers);
        table.setRightAligned(1);
        const qsizetype rows = TablePrinter::kRowsInMemory * 3 + 17;
        for (qsizetype i = 0; i < rows; ++i) {
            QStringList cells = {QStringLiteral("unit-%1").arg(i), QString::number(i * 7 % 1000),
                                 i % 5 ? QStringLiteral("r\u00e9ason %1").arg(i % 11) : QString()};
            if (i == rows - 1) // the widest title comes last, from the part kept on disk
                cells[0] = QStringLiteral("a title wider than any other, with a tab\tand \u2192");
            lines << cells;
            table.addRow(cells);
        }
        QByteArray out;
        int pieces = 0;
        QVERIFY(table
                    .write([&](const QByteArray &piece) {
                        ++pieces;
                        QVERIFY(piece.endsWith('\n')); // whole lines only
                        out += piece;
                    })
                    .ok());
        QVERIFY(pieces > 1);
        QCOMPARE(table.rowCount(), rows);
        QCOMPARE(out, expectedTable(lines, 1));
    }

    void unwritableTemporaryFolderIsAnErrorBeforeAnyOutput()
    {
        const QByteArray saved = qgetenv("TMPDIR");
        qputenv("TMPDIR", "/nonexistent/labelbranch-test");
        TablePrinter table({QStringLiteral("TITLE")});
        for (qsizetype i = 0; i <= TablePrinter::kRowsInMemory; ++i)
            table.addRow({QStringLiteral("unit-%1").arg(i)});
        if (saved.isNull())
            qunsetenv("TMPDIR");
        else
            qputenv("TMPDIR", saved);
        int pieces = 0;
        const Result<void> written = table.write([&pieces](const QByteArray &) { ++pieces; });
        QVERIFY(!written.ok());
        QVERIFY2(written.error().contains(QStringLiteral("/nonexistent/labelbranch-test")),
                 qPrintable(written.error()));
        QCOMPARE(pieces, 0);
    }
};

QTEST_GUILESS_MAIN(TestTablePrinter)
#include "tst_tableprinter.moc"
