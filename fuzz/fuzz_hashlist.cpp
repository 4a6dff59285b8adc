// Fuzz target: a list of hashes as `copy --hashes FILE` and the copy dialog's pasted list read it
// (domain/hashlistreader.h, docs/architecture.md §4.7). Any input must end in a list or an error, never in a
// crash; what is accepted must hold only hash bytes, within the documented limits.

#include "domain/hashlistreader.h"

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

// A device that cannot seek, as standard input or a pipe: the bytes are handed out once, in order.
class PipeDevice : public QIODevice
{
public:
    explicit PipeDevice(const QByteArray &bytes) : m_bytes(bytes) { open(QIODevice::ReadOnly); }
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_bytes.size() - m_next + QIODevice::bytesAvailable(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_bytes.size() - m_next);
        std::memcpy(data, m_bytes.constData() + m_next, size_t(n));
        m_next += n;
        return n;
    }
    qint64 writeData(const char *, qint64) override { return -1; }

private:
    QByteArray m_bytes;
    qint64 m_next = 0;
};

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

    PipeDevice pipe(bytes);
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
