#include "encord/api/encordquery.h"

#include <QTimeZone>

namespace lb {

EncordQuery &EncordQuery::add(const QString &key, const QString &value)
{
    m_items.append({key, value});
    return *this;
}

EncordQuery &EncordQuery::add(const QString &key, const QStringList &values)
{
    for (const QString &value : values)
        m_items.append({key, value});
    return *this;
}

EncordQuery &EncordQuery::addBool(const QString &key, bool value)
{
    // Python renders booleans with str(): True / False.
    return add(key, value ? QStringLiteral("True") : QStringLiteral("False"));
}

EncordQuery &EncordQuery::addNumber(const QString &key, qint64 value)
{
    return add(key, QString::number(value));
}

EncordQuery &EncordQuery::addTime(const QString &key, const QDateTime &value)
{
    return add(key, isoTime(value));
}

QString EncordQuery::isoTime(const QDateTime &value)
{
    const int offset = value.offsetFromUtc();
    QString text = value.toString(QStringLiteral("yyyy-MM-ddTHH:mm:ss"));
    if (value.time().msec() != 0)
        text += QStringLiteral(".%1000").arg(value.time().msec(), 3, 10, QLatin1Char('0'));
    const int absolute = offset < 0 ? -offset : offset;
    text += QStringLiteral("%1%2:%3")
                .arg(offset < 0 ? QLatin1Char('-') : QLatin1Char('+'))
                .arg(absolute / 3600, 2, 10, QLatin1Char('0'))
                .arg((absolute % 3600) / 60, 2, 10, QLatin1Char('0'));
    return text;
}

QByteArray EncordQuery::quotePlus(const QString &text)
{
    // Python's quote_plus: letters, digits and "_.-~" stay, a space becomes '+', every other byte of the
    // UTF-8 encoding becomes %XX with upper-case hex.
    static const char hex[] = "0123456789ABCDEF";
    const QByteArray utf8 = text.toUtf8();
    QByteArray out;
    out.reserve(utf8.size() * 3);
    for (const char c : utf8) {
        const auto u = uchar(c);
        if ((u >= 'a' && u <= 'z') || (u >= 'A' && u <= 'Z') || (u >= '0' && u <= '9') || u == '_' ||
            u == '.' || u == '-' || u == '~') {
            out.append(c);
        } else if (u == ' ') {
            out.append('+');
        } else {
            out.append('%');
            out.append(hex[u >> 4]);
            out.append(hex[u & 0xf]);
        }
    }
    return out;
}

QByteArray EncordQuery::encoded() const
{
    QByteArray out;
    for (const auto &item : m_items) {
        if (!out.isEmpty())
            out.append('&');
        out.append(quotePlus(item.first));
        out.append('=');
        out.append(quotePlus(item.second));
    }
    return out;
}

} // namespace lb
