#include "domain/classcountsencoding.h"

#include <algorithm>
#include <QList>

namespace lb {

namespace {

QString escaped(const QString &key)
{
    if (!key.contains(QLatin1Char('%')) && !key.contains(QLatin1Char(':')) && !key.contains(QLatin1Char(';')))
        return key;
    QString out;
    out.reserve(key.size() + 6);
    for (const QChar c : key) {
        if (c == QLatin1Char('%'))
            out += QLatin1String("%25");
        else if (c == QLatin1Char(':'))
            out += QLatin1String("%3A");
        else if (c == QLatin1Char(';'))
            out += QLatin1String("%3B");
        else
            out += c;
    }
    return out;
}

QString unescaped(QStringView key)
{
    if (!key.contains(QLatin1Char('%')))
        return key.toString();
    QString out;
    out.reserve(key.size());
    for (qsizetype i = 0; i < key.size(); ++i) {
        if (key.at(i) == QLatin1Char('%') && i + 2 < key.size()) {
            const QStringView code = key.mid(i + 1, 2);
            if (code == QLatin1String("25"))
                out += QLatin1Char('%');
            else if (code.compare(QLatin1String("3A"), Qt::CaseInsensitive) == 0)
                out += QLatin1Char(':');
            else if (code.compare(QLatin1String("3B"), Qt::CaseInsensitive) == 0)
                out += QLatin1Char(';');
            else {
                out += key.at(i);
                continue;
            }
            i += 2;
        } else {
            out += key.at(i);
        }
    }
    return out;
}

} // namespace

QString encodeClassCounts(const QHash<QString, int> &counts)
{
    QList<QString> keys = counts.keys();
    std::sort(keys.begin(), keys.end());
    QString out;
    for (const QString &key : keys) {
        if (!out.isEmpty())
            out += QLatin1Char(';');
        out += escaped(key) + QLatin1Char(':') + QString::number(counts.value(key));
    }
    return out;
}

QHash<QString, int> decodeClassCounts(const QString &text)
{
    QHash<QString, int> counts;
    if (text.isEmpty())
        return counts;
    const QStringView view(text);
    qsizetype start = 0;
    while (start < view.size()) {
        qsizetype end = view.indexOf(QLatin1Char(';'), start);
        if (end < 0)
            end = view.size();
        const QStringView entry = view.mid(start, end - start);
        const qsizetype colon = entry.lastIndexOf(QLatin1Char(':'));
        if (colon > 0) {
            bool ok = false;
            const int count = entry.mid(colon + 1).toInt(&ok);
            if (ok)
                counts.insert(unescaped(entry.left(colon)), count);
        }
        start = end + 1;
    }
    return counts;
}

} // namespace lb
