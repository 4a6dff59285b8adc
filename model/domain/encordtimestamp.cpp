#include "domain/labelrowdocument.h"

// Encord's timestamp formats (declared in labelrowdocument.h), read by a hand parser and written in the
// long form.

namespace lb {

namespace {

const char *const kWeekdays[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
const char *const kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                               "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

// A small cursor over the text: Encord's formats are fixed, and a hand parser is locale-independent and cheap
// for the hundred thousand rows a store summarises.
class Cursor
{
public:
    explicit Cursor(const QString &text) : m_text(text) {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    QChar peek() const { return atEnd() ? QChar() : m_text.at(m_pos); }
    bool take(QChar c)
    {
        if (peek() != c)
            return false;
        ++m_pos;
        return true;
    }
    void skipSpaces()
    {
        while (!atEnd() && peek().isSpace())
            ++m_pos;
    }
    // Exactly `minDigits`..`maxDigits` decimal digits.
    bool number(int minDigits, int maxDigits, int *out)
    {
        int value = 0, digits = 0;
        while (digits < maxDigits && !atEnd() && peek() >= QLatin1Char('0') && peek() <= QLatin1Char('9')) {
            value = value * 10 + (peek().unicode() - '0');
            ++m_pos;
            ++digits;
        }
        *out = value;
        return digits >= minDigits;
    }
    QString letters()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && peek().isLetter())
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }
    // Fraction digits after the decimal point, as milliseconds (further digits are dropped).
    int fractionMs()
    {
        int ms = 0, digits = 0;
        while (!atEnd() && peek() >= QLatin1Char('0') && peek() <= QLatin1Char('9')) {
            if (digits < 3)
                ms = ms * 10 + (peek().unicode() - '0');
            ++digits;
            ++m_pos;
        }
        for (; digits < 3; ++digits)
            ms *= 10;
        return ms;
    }

private:
    const QString &m_text;
    qsizetype m_pos = 0;
};

// Optional zone at the end: UTC, GMT, Z, +HH:MM, +HHMM, +HH. Offset in seconds east of UTC.
bool parseZone(Cursor &cursor, int *offsetSeconds)
{
    *offsetSeconds = 0;
    cursor.skipSpaces();
    if (cursor.atEnd())
        return true;
    if (cursor.take(QLatin1Char('Z')) || cursor.take(QLatin1Char('z'))) {
        cursor.skipSpaces();
        return cursor.atEnd();
    }
    const QChar sign = cursor.peek();
    if (sign == QLatin1Char('+') || sign == QLatin1Char('-')) {
        cursor.take(sign);
        int hours = 0, minutes = 0;
        if (!cursor.number(2, 2, &hours))
            return false;
        cursor.take(QLatin1Char(':'));
        cursor.number(0, 2, &minutes);
        if (hours > 23 || minutes > 59)
            return false;
        *offsetSeconds = (hours * 3600 + minutes * 60) * (sign == QLatin1Char('-') ? -1 : 1);
        cursor.skipSpaces();
        return cursor.atEnd();
    }
    const QString zone = cursor.letters().toUpper();
    if (zone != QLatin1String("UTC") && zone != QLatin1String("GMT"))
        return false;
    // "UTC+01:00" style
    if (cursor.peek() == QLatin1Char('+') || cursor.peek() == QLatin1Char('-'))
        return parseZone(cursor, offsetSeconds);
    cursor.skipSpaces();
    return cursor.atEnd();
}

QDateTime makeUtc(int year, int month, int day, int hour, int minute, int second, int ms, int offsetSeconds)
{
    const QDate date(year, month, day);
    const QTime time(hour, minute, second, ms);
    if (!date.isValid() || !time.isValid())
        return QDateTime();
    return QDateTime(date, time, Qt::UTC).addSecs(-offsetSeconds);
}

bool parseClock(Cursor &cursor, int *hour, int *minute, int *second, int *ms)
{
    *second = 0;
    *ms = 0;
    if (!cursor.number(1, 2, hour) || !cursor.take(QLatin1Char(':')) || !cursor.number(2, 2, minute))
        return false;
    if (cursor.take(QLatin1Char(':'))) {
        if (!cursor.number(2, 2, second))
            return false;
        if (cursor.take(QLatin1Char('.')) || cursor.take(QLatin1Char(',')))
            *ms = cursor.fractionMs();
    }
    return true;
}

// "Thu, 09 Feb 2023 14:12:03 UTC"
QDateTime parseLongForm(const QString &text)
{
    Cursor cursor(text);
    cursor.letters(); // weekday: not checked, the date decides
    cursor.take(QLatin1Char(','));
    cursor.skipSpaces();
    int day = 0, year = 0, hour = 0, minute = 0, second = 0, ms = 0, offset = 0;
    if (!cursor.number(1, 2, &day))
        return QDateTime();
    cursor.skipSpaces();
    const QString monthName = cursor.letters();
    int month = 0;
    for (int i = 0; i < 12; ++i) {
        if (monthName.compare(QLatin1String(kMonths[i]), Qt::CaseInsensitive) == 0)
            month = i + 1;
    }
    if (month == 0)
        return QDateTime();
    cursor.skipSpaces();
    if (!cursor.number(4, 4, &year))
        return QDateTime();
    cursor.skipSpaces();
    if (!parseClock(cursor, &hour, &minute, &second, &ms) || !parseZone(cursor, &offset))
        return QDateTime();
    return makeUtc(year, month, day, hour, minute, second, ms, offset);
}

// "2023-03-21 10:25:48", "2023-03-21T09:58:08.472959", "2025-01-01T10:00:00Z", "2025-01-01T11:00:00+01:00"
QDateTime parseIsoForm(const QString &text)
{
    Cursor cursor(text);
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, ms = 0, offset = 0;
    if (!cursor.number(4, 4, &year) || !cursor.take(QLatin1Char('-')) || !cursor.number(1, 2, &month) ||
        !cursor.take(QLatin1Char('-')) || !cursor.number(1, 2, &day))
        return QDateTime();
    if (cursor.atEnd())
        return makeUtc(year, month, day, 0, 0, 0, 0, 0);
    if (!cursor.take(QLatin1Char('T')) && !cursor.take(QLatin1Char('t')) && !cursor.take(QLatin1Char(' ')))
        return QDateTime();
    cursor.skipSpaces();
    if (!parseClock(cursor, &hour, &minute, &second, &ms) || !parseZone(cursor, &offset))
        return QDateTime();
    return makeUtc(year, month, day, hour, minute, second, ms, offset);
}

} // namespace

QDateTime parseEncordTimestamp(const QString &text)
{
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty() || trimmed == QLatin1String("None") || trimmed == QLatin1String("null"))
        return QDateTime();
    if (trimmed.at(0).isDigit())
        return parseIsoForm(trimmed);
    return parseLongForm(trimmed);
}

QString formatEncordLongTimestamp(const QDateTime &utc)
{
    if (!utc.isValid())
        return QString();
    const QDateTime t = utc.toUTC();
    const QDate date = t.date();
    const QTime time = t.time();
    return QString::asprintf("%s, %02d %s %04d %02d:%02d:%02d UTC", kWeekdays[date.dayOfWeek() - 1],
                             date.day(), kMonths[date.month() - 1], date.year(), time.hour(), time.minute(),
                             time.second());
}

bool spellsInstant(const QString &text, const QDateTime &time)
{
    if (!time.isValid())
        return false;
    const QDateTime parsed = parseEncordTimestamp(text);
    return parsed.isValid() && parsed.toMSecsSinceEpoch() == time.toMSecsSinceEpoch();
}

} // namespace lb
