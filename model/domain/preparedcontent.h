#pragma once

#include <cstddef>
#include <QByteArray>
#include <QString>

namespace lb {

class LabelRowDocument;

// One label content in the form the project file keeps it (docs/architecture.md §4.2): the compressed JSON,
// the SHA-256 of its bytes (the key contents are shared by) and the facts listing reads. Made where there
// is time to spare, in the threads that parse rows, so the thread that writes only runs statements.
struct PreparedContent
{
    QString digest;
    QString contentHash;
    int objectCount = 0;
    int classificationCount = 0;
    QString classCounts;   // encodeClassCounts()
    QByteArray compressed; // qCompress() form of the JSON

    // The content of a parsed row: its compact bytes (LabelRowDocument::toBytes()), their digest, its
    // content hash and counts.
    static PreparedContent of(const LabelRowDocument &row);
};

namespace contentpacking {

// Lower-case hex SHA-256 of the bytes, through OpenSSL (the processor's hashing instructions).
QString sha256Hex(const char *data, std::size_t size);
inline QString sha256Hex(const QByteArray &bytes)
{
    return sha256Hex(bytes.constData(), std::size_t(bytes.size()));
}
// qCompress()'s format (the length as four big-endian bytes, then a zlib stream) at zlib's fastest level:
// the default level makes a project file only about a ninth smaller and takes several times as long, and
// qUncompress() reads any level. Each thread keeps its own compressor, because setting one up costs more
// than compressing a row. Safe on any thread.
QByteArray compress(const char *data, std::size_t size);

} // namespace contentpacking

} // namespace lb
