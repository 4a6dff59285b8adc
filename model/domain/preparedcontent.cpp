#include "domain/preparedcontent.h"

#include "domain/classcountsencoding.h"
#include "domain/cryptolibrary.h"
#include "domain/labelrowdocument.h"

#include <openssl/evp.h>
#include <QCryptographicHash>
#include <vector>
#include <zlib.h>

namespace lb {

namespace {

[[maybe_unused]] const bool kCryptoStarted = startCryptoLibrary(); // on the main thread, before main()

// A zlib stream kept for one thread.
class Deflater
{
public:
    Deflater() { m_ready = deflateInit(&m_stream, Z_BEST_SPEED) == Z_OK; }
    ~Deflater()
    {
        if (m_ready)
            deflateEnd(&m_stream);
    }
    Deflater(const Deflater &) = delete;
    Deflater &operator=(const Deflater &) = delete;

    QByteArray compress(const char *data, std::size_t size)
    {
        const auto length = static_cast<uLong>(size);
        if (!m_ready || length != size || deflateReset(&m_stream) != Z_OK)
            return qCompress(QByteArray::fromRawData(data, static_cast<qsizetype>(size)));
        m_buffer.resize(4 + deflateBound(&m_stream, length));
        for (int i = 0; i < 4; ++i)
            m_buffer[static_cast<std::size_t>(i)] = static_cast<unsigned char>(length >> (24 - 8 * i));
        m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data));
        m_stream.avail_in = static_cast<uInt>(length);
        m_stream.next_out = m_buffer.data() + 4;
        m_stream.avail_out = static_cast<uInt>(m_buffer.size() - 4);
        if (deflate(&m_stream, Z_FINISH) != Z_STREAM_END)
            return qCompress(QByteArray::fromRawData(data, static_cast<qsizetype>(size)));
        return QByteArray(reinterpret_cast<const char *>(m_buffer.data()),
                          static_cast<qsizetype>(4 + m_stream.total_out));
    }

private:
    z_stream m_stream{};
    bool m_ready = false;
    std::vector<unsigned char> m_buffer;
};

} // namespace

namespace contentpacking {

QString sha256Hex(const char *data, std::size_t size)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data, size, digest, &length, EVP_sha256(), nullptr) != 1) {
        const QByteArray bytes = QByteArray::fromRawData(data, static_cast<qsizetype>(size));
        return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    }
    return QString::fromLatin1(
        QByteArray::fromRawData(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(length))
            .toHex());
}

QByteArray compress(const char *data, std::size_t size)
{
    thread_local Deflater deflater;
    return deflater.compress(data, size);
}

} // namespace contentpacking

PreparedContent PreparedContent::of(const LabelRowDocument &row)
{
    const QByteArray json = row.toBytes();
    PreparedContent content;
    content.digest = contentpacking::sha256Hex(json);
    content.contentHash = row.contentHash();
    content.objectCount = row.objectInstanceCount();
    content.classificationCount = row.classificationCount();
    content.classCounts = encodeClassCounts(row.classCounts());
    content.compressed = contentpacking::compress(json.constData(), std::size_t(json.size()));
    return content;
}

} // namespace lb
