#include "tableprinter.h"

#include <algorithm>

namespace lb::cli {

TablePrinter::TablePrinter(QStringList headers) : m_headers(std::move(headers)) {}

void TablePrinter::addRow(QStringList cells)
{
    while (cells.size() < m_headers.size())
        cells.append(QString());
    m_rows.append(std::move(cells));
}

QByteArray TablePrinter::render() const
{
    QList<qsizetype> widths;
    for (const QString &h : m_headers)
        widths.append(h.size());
    for (const QStringList &row : m_rows)
        for (qsizetype c = 0; c < widths.size(); ++c)
            widths[c] = std::max(widths[c], row.at(c).size());

    QByteArray out;
    auto line = [&](const QStringList &cells) {
        QString text;
        for (qsizetype c = 0; c < widths.size(); ++c) {
            const bool last = c == widths.size() - 1;
            const QString &cell = cells.at(c);
            if (m_rightAligned.contains(static_cast<int>(c)))
                text += cell.rightJustified(widths[c]);
            else
                text += last ? cell : cell.leftJustified(widths[c]);
            if (!last)
                text += QLatin1String("  ");
        }
        // Trailing blanks of a left-aligned last-but-empty column are noise in pipes.
        while (text.endsWith(QLatin1Char(' ')))
            text.chop(1);
        out += text.toUtf8();
        out += '\n';
    };
    line(m_headers);
    for (const QStringList &row : m_rows)
        line(row);
    return out;
}

} // namespace lb::cli
