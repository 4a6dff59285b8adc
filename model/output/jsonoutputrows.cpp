#include "output/jsonoutput.h"

#include <algorithm>
#include <charconv>
#include <utility>
#include <vector>

namespace lb {

// Listing rows and comparison entries printed straight to text (jsonoutput.cpp holds the JSON values): a
// listing of a hundred thousand rows then costs no JSON value, map or re-indentation per row. The text is
// what dump() prints for row(), key order included, which tests/tst_printedrows.cpp holds it to.

namespace {

void appendIndent(QByteArray &out, int depth)
{
    static const QByteArray spaces(64, ' ');
    qsizetype left = qsizetype(depth) * 2;
    for (; left > spaces.size(); left -= spaces.size())
        out.append(spaces);
    out.append(spaces.constData(), left);
}

void appendNumber(QByteArray &out, qint64 value)
{
    char digits[24];
    const auto end = std::to_chars(digits, digits + sizeof digits, value).ptr;
    out.append(digits, end - digits);
}

// The characters of a JSON string as nlohmann's dump writes them with ensure_ascii off: quotes, backslashes
// and control characters escaped, everything else copied.
void appendEscaped(QByteArray &out, const QByteArray &utf8)
{
    for (const char c : utf8) {
        switch (c) {
        case '"':
            out.append("\\\"");
            break;
        case '\\':
            out.append("\\\\");
            break;
        case '\b':
            out.append("\\b");
            break;
        case '\f':
            out.append("\\f");
            break;
        case '\n':
            out.append("\\n");
            break;
        case '\r':
            out.append("\\r");
            break;
        case '\t':
            out.append("\\t");
            break;
        default:
            if (static_cast<unsigned char>(c) < 0x20) {
                static const char hex[] = "0123456789abcdef";
                const char escape[] = {'\\', 'u', '0', '0', hex[(c >> 4) & 0xf], hex[c & 0xf]};
                out.append(escape, sizeof escape);
            } else {
                out.append(c);
            }
        }
    }
}

void appendString(QByteArray &out, const QByteArray &utf8)
{
    out.append('"');
    appendEscaped(out, utf8);
    out.append('"');
}

// Most text (hashes, names, titles, statuses) is plain ASCII and is copied as it is; the rest is escaped.
void appendText(QByteArray &out, QStringView text)
{
    out.append('"');
    const qsizetype start = out.size();
    out.resize(start + text.size());
    char *to = out.data() + start;
    for (const QChar c : text) {
        const char16_t unit = c.unicode();
        if (unit >= 0x80 || unit < 0x20 || unit == u'"' || unit == u'\\') {
            out.truncate(start);
            appendEscaped(out, text.toUtf8());
            break;
        }
        *to++ = char(unit);
    }
    out.append('"');
}

void appendTextOrNull(QByteArray &out, const QString &text)
{
    if (text.isEmpty())
        out.append("null");
    else
        appendText(out, text);
}

void appendDigits(char *to, int value, int width)
{
    for (int i = width - 1; i >= 0; --i, value /= 10)
        to[i] = char('0' + value % 10);
}

// As JsonOutput::timestamp: ISO 8601 in UTC to the second, "2026-11-20T09:00:00Z", or null.
void appendTimestamp(QByteArray &out, const QDateTime &time)
{
    if (!time.isValid()) {
        out.append("null");
        return;
    }
    const QDateTime utc = time.toUTC();
    const QDate date = utc.date();
    if (date.year() < 1 || date.year() > 9999) {
        appendText(out, utc.toString(Qt::ISODate));
        return;
    }
    const QTime clock = utc.time();
    char text[] = "\"0000-00-00T00:00:00Z\"";
    appendDigits(text + 1, date.year(), 4);
    appendDigits(text + 6, date.month(), 2);
    appendDigits(text + 9, date.day(), 2);
    appendDigits(text + 12, clock.hour(), 2);
    appendDigits(text + 15, clock.minute(), 2);
    appendDigits(text + 18, clock.second(), 2);
    out.append(text, sizeof text - 1);
}

// An object printed member by member at `depth` levels of indentation, as dump() prints it.
class ObjectText
{
public:
    ObjectText(QByteArray &out, int depth) : m_out(out), m_depth(depth) { m_out.append('{'); }

    // Starts the member `key`; its value is appended next.
    QByteArray &key(const char *key)
    {
        m_out.append(m_empty ? "\n" : ",\n");
        m_empty = false;
        appendIndent(m_out, m_depth + 1);
        m_out.append('"').append(key).append("\": ");
        return m_out;
    }

    QByteArray &key(const QByteArray &key)
    {
        m_out.append(m_empty ? "\n" : ",\n");
        m_empty = false;
        appendIndent(m_out, m_depth + 1);
        appendString(m_out, key);
        return m_out.append(": ");
    }

    void close()
    {
        if (!m_empty) {
            m_out.append('\n');
            appendIndent(m_out, m_depth);
        }
        m_out.append('}');
    }

private:
    QByteArray &m_out;
    int m_depth;
    bool m_empty = true;
};

} // namespace

void JsonOutput::appendClassCounts(QByteArray &out, const QHash<QString, int> &countsByFeatureHash,
                                   int depth) const
{
    // As classCounts(): by name in byte order, two feature hashes with one name added up.
    std::vector<std::pair<QByteArray, int>> byName;
    byName.reserve(std::size_t(countsByFeatureHash.size()));
    for (auto it = countsByFeatureHash.cbegin(); it != countsByFeatureHash.cend(); ++it) {
        const auto name = m_printedNames.constFind(it.key());
        byName.emplace_back(name == m_printedNames.cend() ? it.key().toUtf8() : name.value(), it.value());
    }
    std::sort(byName.begin(), byName.end(), [](const auto &a, const auto &b) { return a.first < b.first; });
    ObjectText object(out, depth);
    for (std::size_t i = 0; i < byName.size();) {
        int count = 0;
        std::size_t next = i;
        for (; next < byName.size() && byName[next].first == byName[i].first; ++next)
            count += byName[next].second;
        appendNumber(object.key(byName[i].first), count);
        i = next;
    }
    object.close();
}

void JsonOutput::appendRow(QByteArray &out, const LabelRowSummary &row, int depth) const
{
    // The members in the order dump() gives them: sorted by key.
    ObjectText object(out, depth);
    appendText(object.key("branch_name"), row.branchName);
    appendClassCounts(object.key("class_counts"), row.classCounts, depth + 1);
    appendNumber(object.key("classification_count"), row.classificationCount);
    appendTextOrNull(object.key("content_hash"), row.contentHash);
    appendTimestamp(object.key("created_at"), row.createdAt);
    appendText(object.key("data_hash"), row.dataHash);
    appendText(object.key("data_title"), row.dataTitle);
    appendText(object.key("data_type"), dataTypeLabelRowName(row.dataType));
    appendTextOrNull(object.key("label_hash"), row.labelHash);
    appendTextOrNull(object.key("label_status"), row.labelStatus);
    appendTimestamp(object.key("last_edited_at"), row.lastEditedAt);
    appendNumber(object.key("object_count"), row.objectCount);
    QByteArray &provenance = object.key("provenance");
    if (row.provenance.sourceBranch.isEmpty()) {
        provenance.append("null");
    } else {
        ObjectText source(out, depth + 1);
        appendTimestamp(source.key("copied_at"), row.provenance.copiedAt);
        appendText(source.key("source_branch"), row.provenance.sourceBranch);
        appendTextOrNull(source.key("source_content_hash"), row.provenance.sourceContentHash);
        source.close();
    }
    object.close();
}

void JsonOutput::appendDiffEntry(QByteArray &out, const DiffEntry &entry, int depth) const
{
    // As diffEntry(), in the order dump() gives its members.
    ObjectText object(out, depth);
    appendClassCounts(object.key("class_deltas"), entry.classDeltas, depth + 1);
    appendText(object.key("data_hash"), entry.dataHash);
    appendText(object.key("data_title"), entry.dataTitle);
    appendText(object.key("data_type"), dataTypeLabelRowName(entry.dataType));
    appendNumber(object.key("delta"), entry.delta);
    appendTextOrNull(object.key("source_content_hash"), entry.sourceContentHash);
    appendNumber(object.key("source_count"), entry.sourceCount);
    appendTextOrNull(object.key("source_label_hash"), entry.sourceLabelHash);
    appendText(object.key("status"), diffStatusName(entry.status));
    appendTextOrNull(object.key("target_content_hash"), entry.targetContentHash);
    appendNumber(object.key("target_count"), entry.targetCount);
    appendTextOrNull(object.key("target_label_hash"), entry.targetLabelHash);
    object.close();
}

QByteArray JsonOutput::printedDiffEntry(const DiffEntry &entry, int depth) const
{
    QByteArray out;
    out.reserve(768);
    appendDiffEntry(out, entry, depth);
    return out;
}

QByteArray JsonOutput::printedRow(const LabelRowSummary &row, int depth) const
{
    QByteArray out;
    out.reserve(1024);
    appendRow(out, row, depth);
    return out;
}

} // namespace lb
