#pragma once

#include <algorithm>
#include <cstring>
#include <QByteArray>
#include <QIODevice>

namespace lb::fuzz {

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

} // namespace lb::fuzz
