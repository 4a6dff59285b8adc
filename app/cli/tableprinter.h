#pragma once

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>

namespace lb::cli {

// Plain aligned columns for terminals and pipes: a header row, then one line per row, two spaces apart.
class TablePrinter
{
public:
    explicit TablePrinter(QStringList headers);

    void setRightAligned(int column) { m_rightAligned.insert(column); }
    void addRow(QStringList cells);
    int rowCount() const { return static_cast<int>(m_rows.size()); }

    QByteArray render() const; // UTF-8, every line ends in '\n'

private:
    QStringList m_headers;
    QList<QStringList> m_rows;
    QSet<int> m_rightAligned;
};

} // namespace lb::cli
