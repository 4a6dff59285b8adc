#include "store/sqlite/sqlitelabelhash.h"

#include <QCryptographicHash>
#include <QUuid>

namespace lb {

namespace {

constexpr int kOperationBits = 60; // 128 bits less the version nibble and the variant's 2 bits: 60 + 62
constexpr int kUnitBits = 62;
constexpr quint64 kMultiplierA = 0x9E3779B97F4A7C15ULL; // odd: invertible modulo any power of two
constexpr quint64 kMultiplierB = 0xC2B2AE3D27D4EB4FULL;
constexpr int kShift = 31; // at least half of either width, so the xor-shift is its own inverse

constexpr quint64 mask(int bits)
{
    return (quint64(1) << bits) - 1;
}

constexpr quint64 inverse(quint64 odd)
{
    quint64 x = odd; // Newton's iteration doubles the correct low bits each step: 3, 6, 12, 24, 48, 96
    for (int i = 0; i < 5; ++i)
        x *= 2 - odd * x;
    return x;
}

quint64 scramble(quint64 value, quint64 key, int bits)
{
    quint64 x = (value ^ key) & mask(bits);
    x = (x * kMultiplierA) & mask(bits);
    x ^= x >> kShift;
    return (x * kMultiplierB) & mask(bits);
}

quint64 unscramble(quint64 value, quint64 key, int bits)
{
    quint64 x = (value * inverse(kMultiplierB)) & mask(bits);
    x ^= x >> kShift;
    x = (x * inverse(kMultiplierA)) & mask(bits);
    return (x ^ key) & mask(bits);
}

quint64 readBigEndian(const uchar *bytes)
{
    quint64 value = 0;
    for (int i = 0; i < 8; ++i)
        value = (value << 8) | bytes[i];
    return value;
}

void writeBigEndian(quint64 value, uchar *bytes)
{
    for (int i = 7; i >= 0; --i) {
        bytes[i] = uchar(value & 0xFF);
        value >>= 8;
    }
}

// The 16 bytes of a UUID in its canonical text form; false for any other text.
bool uuidBytes(const QString &text, uchar *bytes)
{
    if (text.size() != 36)
        return false;
    const QUuid uuid = QUuid::fromString(text);
    if (uuid.isNull())
        return false;
    const QByteArray raw = uuid.toRfc4122();
    std::copy(raw.cbegin(), raw.cend(), bytes);
    return true;
}

} // namespace

LabelHashCodec::LabelHashCodec(const QString &projectHash)
{
    const QByteArray seed = QByteArray("labelbranch label hash:") + projectHash.toUtf8();
    const QByteArray digest = QCryptographicHash::hash(seed, QCryptographicHash::Sha256);
    m_operationKey = readBigEndian(reinterpret_cast<const uchar *>(digest.constData()));
    m_unitKey = readBigEndian(reinterpret_cast<const uchar *>(digest.constData()) + 8);
}

QString LabelHashCodec::derive(qint64 operationId, qint64 dataUnitId) const
{
    const quint64 high = scramble(quint64(operationId), m_operationKey, kOperationBits);
    const quint64 low = scramble(quint64(dataUnitId), m_unitKey ^ high, kUnitBits);
    // Version nibble 8 between the first 48 and the last 12 bits of `high`; variant 0b10 above `low`.
    const quint64 first = ((high >> 12) << 16) | (quint64(0x8) << 12) | (high & 0xFFF);
    const quint64 second = (quint64(0x2) << 62) | low;
    uchar bytes[16];
    writeBigEndian(first, bytes);
    writeBigEndian(second, bytes + 8);
    return QUuid::fromRfc4122(QByteArrayView(bytes, 16)).toString(QUuid::WithoutBraces);
}

std::optional<LabelHashCodec::Origin> LabelHashCodec::decode(const QString &labelHash) const
{
    uchar bytes[16];
    if (!uuidBytes(labelHash, bytes))
        return std::nullopt;
    const quint64 first = readBigEndian(bytes);
    const quint64 second = readBigEndian(bytes + 8);
    if (((first >> 12) & 0xF) != 0x8 || (second >> 62) != 0x2)
        return std::nullopt;
    const quint64 high = ((first >> 16) << 12) | (first & 0xFFF);
    const quint64 operationId = unscramble(high, m_operationKey, kOperationBits);
    const quint64 dataUnitId = unscramble(second & mask(kUnitBits), m_unitKey ^ high, kUnitBits);
    // Ids SQLite hands out are positive and far below these widths; anything else is not one of ours.
    if (operationId == 0 || dataUnitId == 0 || operationId > (quint64(1) << 53) ||
        dataUnitId > (quint64(1) << 53))
        return std::nullopt;
    return Origin{qint64(operationId), qint64(dataUnitId)};
}

bool LabelHashCodec::isVersion8(const QString &labelHash)
{
    uchar bytes[16];
    return uuidBytes(labelHash, bytes) && (bytes[6] >> 4) == 0x8;
}

} // namespace lb
