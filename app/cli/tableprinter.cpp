#include "tableprinter.h"

#include <algorithm>
#include <QDir>

namespace lb::cli {

namespace {

constexpr qsizetype kPieceBytes = 64 * 1024;

} // namespace

TablePrinter::TablePrinter(QStringList headers) : m_headers(std::move(headers))
{
    for (const QString &h : m_headers)
        m_widths.append(h.size());
}

void TablePrinter::addRow(QStringList cells)
{
    while (cells.size() < m_headers.size())
        cells.append(QString());
    for (qsizetype c = 0; c < m_widths.size(); ++c)
        m_widths[c] = std::max(m_widths[c], cells.at(c).size());
    ++m_rowCount;
    if (m_rows.size() < kRowsInMemory && !m_spillFile)
        m_rows.append(std::move(cells));
    else
        spill(cells);
}

void TablePrinter::spill(const QStringList &cells)
{
    if (!m_spillError.isEmpty())
        return;
    if (!m_spillFile) {
        const QString folder = QDir::tempPath(); // empty when $TMPDIR names no folder
        m_spillFolder = folder.isEmpty() ? qEnvironmentVariable("TMPDIR") : folder;
        m_spillFile = std::make_unique<QTemporaryFile>(folder + QStringLiteral("/labelbranch-table-XXXXXX"));
        if (folder.isEmpty() || !m_spillFile->open()) {
            m_spillError = folder.isEmpty() ? QStringLiteral("no such folder") : m_spillFile->errorString();
            return;
        }
        m_spill.setDevice(m_spillFile.get());
    }
    m_spill << cells;
    if (m_spill.status() != QDataStream::Ok)
        m_spillError = m_spillFile->errorString();
}

Result<void> TablePrinter::write(const Sink &out)
{
    const auto failed = [this](const QString &reason) {
        return fail(QStringLiteral("cannot keep the table's rows in a temporary file in %1: %2")
                        .arg(m_spillFolder, reason));
    };
    if (!m_spillError.isEmpty())
        return failed(m_spillError);
    if (m_spillFile && (!m_spillFile->flush() || !m_spillFile->seek(0)))
        return failed(m_spillFile->errorString());

    QByteArray piece = line(m_headers);
    const auto add = [&](const QStringList &cells) {
        piece += line(cells);
        if (piece.size() >= kPieceBytes) {
            out(piece);
            piece.clear();
        }
    };
    for (const QStringList &row : std::as_const(m_rows))
        add(row);
    if (m_spillFile) {
        m_spill.resetStatus();
        for (qint64 r = m_rows.size(); r < m_rowCount; ++r) {
            QStringList cells;
            m_spill >> cells;
            if (m_spill.status() != QDataStream::Ok || cells.size() != m_headers.size())
                return failed(QStringLiteral("a row could not be read back"));
            add(cells);
        }
    }
    out(piece);
    return {};
}

QByteArray TablePrinter::line(const QStringList &cells) const
{
    QString text;
    for (qsizetype c = 0; c < m_widths.size(); ++c) {
        const bool last = c == m_widths.size() - 1;
        const QString &cell = cells.at(c);
        if (m_rightAligned.contains(static_cast<int>(c)))
            text += cell.rightJustified(m_widths[c]);
        else
            text += last ? cell : cell.leftJustified(m_widths[c]);
        if (!last)
            text += QLatin1String("  ");
    }
    // Trailing blanks of a left-aligned last-but-empty column are noise in pipes.
    while (text.endsWith(QLatin1Char(' ')))
        text.chop(1);
    QByteArray bytes = text.toUtf8();
    bytes += '\n';
    return bytes;
}

} // namespace lb::cli
