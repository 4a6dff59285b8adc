#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

namespace lb {

// Query string of a v2 GET, encoded as the SDK's HTTP stack does (docs/encord-api.md §2.4): keys in the given
// order, lists as repeated keys, booleans as True/False, quote_plus percent-encoding.
class EncordQuery
{
public:
    EncordQuery &add(const QString &key, const QString &value);
    EncordQuery &add(const QString &key, const QStringList &values);
    EncordQuery &addBool(const QString &key, bool value);
    EncordQuery &addNumber(const QString &key, qint64 value);
    EncordQuery &addTime(const QString &key, const QDateTime &value);

    bool isEmpty() const { return m_items.isEmpty(); }
    QByteArray encoded() const; // without the leading '?'

    static QByteArray quotePlus(const QString &text);
    static QString isoTime(const QDateTime &value); // Python's isoformat(): "2024-02-01T01:02:03+01:00"

private:
    QList<QPair<QString, QString>> m_items;
};

} // namespace lb
