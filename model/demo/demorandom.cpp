#include "demo/demorandom.h"

#include <array>
#include <cstdio>
#include <QDate>

namespace lb::demo {

std::string uuidFrom(Random &rng)
{
    std::array<unsigned char, 16> b{};
    const quint64 hi = rng.next(), lo = rng.next();
    for (int i = 0; i < 8; ++i) {
        b[i] = static_cast<unsigned char>(hi >> (8 * i));
        b[8 + i] = static_cast<unsigned char>(lo >> (8 * i));
    }
    b[6] = static_cast<unsigned char>((b[6] & 0x0F) | 0x40); // version 4
    b[8] = static_cast<unsigned char>((b[8] & 0x3F) | 0x80); // RFC 4122 variant
    static const char hex[] = "0123456789abcdef";
    std::string out;
    out.reserve(36);
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10)
            out.push_back('-');
        out.push_back(hex[b[i] >> 4]);
        out.push_back(hex[b[i] & 0x0F]);
    }
    return out;
}

// Encord object and classification hashes: base64 of 6 random bytes.
std::string shortHash(Random &rng)
{
    static const char alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    const quint64 bits = rng.next() >> 16; // 48 bits
    std::string out(8, 'A');
    for (int i = 0; i < 8; ++i)
        out[i] = alphabet[(bits >> (42 - 6 * i)) & 0x3F];
    return out;
}

qint64 epochOf(int year, int month, int day, int hour, int minute)
{
    const qint64 days = QDate(year, month, day).toJulianDay() - QDate(1970, 1, 1).toJulianDay();
    return days * 86400 + hour * 3600 + minute * 60;
}

std::string longTime(qint64 secs)
{
    static const char *const dayNames[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char *const monthNames[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                             "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDate date = QDate(1970, 1, 1).addDays(secs / kDay);
    const qint64 rest = secs % kDay;
    char buffer[48];
    std::snprintf(buffer, sizeof buffer, "%s, %02d %s %04d %02d:%02d:%02d UTC",
                  dayNames[date.dayOfWeek() - 1], date.day(), monthNames[date.month() - 1], date.year(),
                  static_cast<int>(rest / 3600), static_cast<int>(rest / 60 % 60),
                  static_cast<int>(rest % 60));
    return buffer;
}

} // namespace lb::demo
