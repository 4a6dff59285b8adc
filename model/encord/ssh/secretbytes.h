#pragma once

#include <openssl/crypto.h>
#include <QByteArray>
#include <utility>

namespace lb {

// Bytes of key material that are overwritten when they are no longer needed. Move-only so that no
// unnoticed copy outlives the wipe.
class SecretBytes
{
public:
    SecretBytes() = default;
    explicit SecretBytes(QByteArray bytes) : m_bytes(std::move(bytes)) {}
    SecretBytes(SecretBytes &&other) noexcept : m_bytes(std::move(other.m_bytes))
    {
        other.m_bytes = QByteArray();
    }
    SecretBytes &operator=(SecretBytes &&other) noexcept
    {
        if (this != &other) {
            wipe();
            m_bytes = std::move(other.m_bytes);
            other.m_bytes = QByteArray();
        }
        return *this;
    }
    SecretBytes(const SecretBytes &) = delete;
    SecretBytes &operator=(const SecretBytes &) = delete;
    ~SecretBytes() { wipe(); }

    const QByteArray &bytes() const { return m_bytes; }
    qsizetype size() const { return m_bytes.size(); }
    bool isEmpty() const { return m_bytes.isEmpty(); }
    const unsigned char *data() const { return reinterpret_cast<const unsigned char *>(m_bytes.constData()); }

    void wipe()
    {
        // A shared buffer still has another owner, which wipes it in turn; data() would only detach a copy.
        if (!m_bytes.isEmpty() && m_bytes.isDetached())
            OPENSSL_cleanse(m_bytes.data(), size_t(m_bytes.size()));
        m_bytes = QByteArray();
    }

private:
    QByteArray m_bytes;
};

} // namespace lb
