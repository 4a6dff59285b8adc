// Fuzz target: a list of hashes as `copy --hashes FILE` and the copy dialog's pasted list read it
// (domain/hashlistreader.h, docs/architecture.md §4.7). Any input must end in a list or an error, never in a
// crash; what is accepted must hold only hash bytes, within the documented limits.

#include "domain/hashlistreader.h"
#include "pipedevice.h"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <QBuffer>
#include <QByteArray>
#include <QString>

namespace {

void check(bool condition)
{
    if (!condition)
        std::abort();
}

// What the reader accepted: hashes of hash bytes only, never empty.
void checkHashes(const QStringList &hashes)
{
    check(hashes.size() <= lb::HashListReader::kMaxHashes);
    for (const QString &hash : hashes) {
        check(!hash.isEmpty() && hash.size() < lb::HashListReader::kMaxLineBytes);
        for (const QChar c : hash)
            check(c.unicode() < 0x80 && lb::HashListReader::isHashByte(char(c.unicode())));
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    const QString name = QStringLiteral("hashes.txt");

    QBuffer file(&bytes);
    file.open(QIODevice::ReadOnly);
    const lb::Result<QStringList> fromFile = lb::HashListReader::read(file, name);
    if (fromFile)
        checkHashes(fromFile.value());
    else
        check(!fromFile.error().isEmpty());

    lb::fuzz::PipeDevice pipe(bytes);
    const lb::Result<QStringList> fromPipe = lb::HashListReader::read(pipe, name);
    check(fromPipe.ok() == fromFile.ok());
    if (fromPipe)
        check(fromPipe.value() == fromFile.value());

    // The pasted list: the same bytes as text (invalid UTF-8 becomes replacement characters).
    const lb::Result<QStringList> pasted =
        lb::HashListReader::fromText(QString::fromUtf8(bytes), QStringLiteral("the pasted list"));
    if (pasted)
        checkHashes(pasted.value());
    return 0;
}
