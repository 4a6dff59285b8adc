#include "demo/democontentpacker.h"

#include "domain/classcountsencoding.h"
#include "domain/cryptolibrary.h"

#include <openssl/evp.h>
#include <QCryptographicHash>
#include <vector>
#include <zlib.h>

namespace lb::demo {

namespace {

[[maybe_unused]] const bool kCryptoStarted = startCryptoLibrary(); // on the main thread, before main()

// A zlib stream kept for one thread, giving qCompress()'s format: the length of the data as four bytes,
// big-endian, then the zlib stream.
class Deflater
{
public:
    // The fastest level: compressing was a quarter of the work of writing a big demo, the default level
    // makes the file only about a ninth smaller, and qUncompress() reads any level.
    Deflater() { m_ready = deflateInit(&m_stream, Z_BEST_SPEED) == Z_OK; }
    ~Deflater()
    {
        if (m_ready)
            deflateEnd(&m_stream);
    }
    Deflater(const Deflater &) = delete;
    Deflater &operator=(const Deflater &) = delete;

    QByteArray compress(const std::string &data)
    {
        if (!m_ready || deflateReset(&m_stream) != Z_OK)
            return qCompress(QByteArray::fromRawData(data.data(), static_cast<qsizetype>(data.size())));
        const auto size = static_cast<uLong>(data.size());
        m_buffer.resize(4 + deflateBound(&m_stream, size));
        for (int i = 0; i < 4; ++i)
            m_buffer[static_cast<size_t>(i)] = static_cast<unsigned char>(size >> (24 - 8 * i));
        m_stream.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
        m_stream.avail_in = static_cast<uInt>(size);
        m_stream.next_out = m_buffer.data() + 4;
        m_stream.avail_out = static_cast<uInt>(m_buffer.size() - 4);
        if (deflate(&m_stream, Z_FINISH) != Z_STREAM_END)
            return qCompress(QByteArray::fromRawData(data.data(), static_cast<qsizetype>(data.size())));
        return QByteArray(reinterpret_cast<const char *>(m_buffer.data()),
                          static_cast<qsizetype>(4 + m_stream.total_out));
    }

private:
    z_stream m_stream{};
    bool m_ready = false;
    std::vector<unsigned char> m_buffer;
};

QString sha256Hex(const std::string &data)
{
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data.data(), data.size(), digest, &length, EVP_sha256(), nullptr) != 1) {
        const QByteArray bytes = QByteArray::fromRawData(data.data(), static_cast<qsizetype>(data.size()));
        return QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    }
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(length)).toHex());
}

} // namespace

PreparedContent packContent(const std::string &json, const std::string &canonical, const SceneFacts &facts)
{
    thread_local Deflater deflater;
    PreparedContent content;
    content.digest = sha256Hex(json);
    content.contentHash = sha256Hex(canonical);
    content.objectCount = facts.objectCount;
    content.classificationCount = facts.classificationCount;
    QHash<QString, int> classCounts;
    for (const auto &[feature, count] : facts.classCounts)
        classCounts.insert(QString::fromStdString(feature), count);
    content.classCounts = encodeClassCounts(classCounts);
    content.compressed = deflater.compress(json);
    return content;
}

} // namespace lb::demo
