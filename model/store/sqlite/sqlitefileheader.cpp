#include "store/sqlite/sqlitefileheader.h"

#include <QFile>
#include <QtEndian>

namespace lb {

namespace {

constexpr qint64 kHeaderSize = 100;
constexpr char kMagic[] = "SQLite format 3"; // followed by a NUL, 16 bytes in all

quint32 bigEndian32(const QByteArray &bytes, int offset)
{
    return qFromBigEndian<quint32>(bytes.constData() + offset);
}

} // namespace

Result<SqliteFileHeader> SqliteFileHeader::read(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.errorString());
    SqliteFileHeader header;
    header.m_fileSize = file.size();
    const QByteArray bytes = file.read(kHeaderSize);
    if (bytes.size() < kHeaderSize || !bytes.startsWith(QByteArray(kMagic, sizeof(kMagic))))
        return header;

    header.m_isSqlite = true;
    // Byte 18/19: file format write/read version, 2 for WAL.
    header.m_isWal = bytes.at(18) == 2 && bytes.at(19) == 2;
    header.m_userVersion = bigEndian32(bytes, 60);
    header.m_applicationId = bigEndian32(bytes, 68);

    // Page size at 16 (1 means 65536); page count at 28, valid only when the change counter (24)
    // equals the version-valid-for number (92), as SQLite itself requires.
    const quint16 rawPageSize = qFromBigEndian<quint16>(bytes.constData() + 16);
    const qint64 pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
    const quint32 pageCount = bigEndian32(bytes, 28);
    if (pageCount > 0 && bigEndian32(bytes, 24) == bigEndian32(bytes, 92))
        header.m_expectedSize = pageSize * pageCount;
    return header;
}

} // namespace lb
