#include "domain/labelrowbytes.h"

#include "domain/boundedjson.h"
#include "domain/labelrowdocument.h"

#include <array>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

namespace lb {

using json = nlohmann::json;

namespace {

constexpr int kIdentityFields = 5;

// The identity fields in the order a key-sorted object holds them.
constexpr std::array<std::string_view, kIdentityFields> kIdentityKeys = {
    "branch_name", "created_at", "label_hash", "label_status", "last_edited_at"};

json stringOrNull(const QString &text)
{
    return text.isEmpty() ? json(nullptr) : json(text.toStdString());
}

json timestampOrNull(const QDateTime &time)
{
    return time.isValid() ? json(formatEncordLongTimestamp(time).toStdString()) : json(nullptr);
}

// The values LabelRowDocument's identity setters write, in kIdentityKeys order; a timestamp the JSON spells
// already is kept as it is spelt (instants()).
std::array<json, kIdentityFields> identityValues(const LabelRowIdentity &identity)
{
    return {json(identity.branchName.toStdString()), timestampOrNull(identity.createdAt),
            stringOrNull(identity.labelHash), stringOrNull(identity.labelStatus),
            timestampOrNull(identity.lastEditedAt)};
}

// The instants of the timestamp fields, in kIdentityKeys order (unset for the others).
std::array<QDateTime, kIdentityFields> instants(const LabelRowIdentity &identity)
{
    return {QDateTime(), identity.createdAt, QDateTime(), QDateTime(), identity.lastEditedAt};
}

// Whether a value as it stands in compact JSON is a string that spells `time`; nullopt for a string with
// escapes, which only a parse can read.
std::optional<bool> keepsSpelling(std::string_view value, const QDateTime &time)
{
    if (!time.isValid() || value.size() < 2 || value.front() != '"' || value.back() != '"')
        return false;
    if (value.find('\\') != std::string_view::npos)
        return std::nullopt;
    return spellsInstant(QString::fromUtf8(value.data() + 1, qsizetype(value.size()) - 2), time);
}

std::string dumped(const json &value)
{
    return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

// Reads JSON in the exact form nlohmann's compact dump writes: no white space, keys sorted and unescaped at
// the top level, only the escapes the dump itself uses. Anything else makes it give up, so what it copies is
// what a parse and a dump would give.
class CompactScanner
{
public:
    CompactScanner(const char *data, qsizetype size) : m_data(data), m_size(size) {}

    // Copies the object with the identity members replaced or inserted at their sorted place.
    bool patch(const std::array<std::string, kIdentityFields> &values,
               const std::array<QDateTime, kIdentityFields> &times, QByteArray *out)
    {
        if (m_size < 2 || m_data[0] != '{' || m_data[m_size - 1] != '}')
            return false;
        out->reserve(m_size + 256);
        out->append('{');
        m_pos = 1;
        int next = 0;
        bool first = true;
        const auto separate = [&] {
            if (!first)
                out->append(',');
            first = false;
        };
        const auto identity = [&](int i) {
            separate();
            out->append('"').append(kIdentityKeys[i].data(), qsizetype(kIdentityKeys[i].size()));
            out->append("\":").append(values[i].data(), qsizetype(values[i].size()));
        };
        std::string_view previous;
        while (m_data[m_pos] != '}' || m_pos != m_size - 1) {
            const qsizetype start = m_pos;
            std::string_view key;
            if (!member(&key) || (start > 1 && !(previous < key)))
                return false;
            previous = key;
            while (next < kIdentityFields && kIdentityKeys[next] < key)
                identity(next++);
            if (next < kIdentityFields && kIdentityKeys[next] == key) {
                const std::string_view value(m_data + m_valueStart, std::size_t(m_pos - m_valueStart));
                const std::optional<bool> keep = keepsSpelling(value, times[next]);
                if (!keep)
                    return false;
                if (*keep) {
                    separate();
                    out->append(m_data + start, m_pos - start);
                    ++next;
                } else {
                    identity(next++);
                }
            } else {
                separate();
                out->append(m_data + start, m_pos - start);
            }
            if (m_data[m_pos] == ',' && m_pos + 1 < m_size - 1)
                ++m_pos;
            else if (m_pos != m_size - 1)
                return false;
        }
        while (next < kIdentityFields)
            identity(next++);
        out->append('}');
        return true;
    }

private:
    // One "key":value of the top level; m_pos ends on the ',' or '}' after it.
    bool member(std::string_view *key)
    {
        if (m_data[m_pos] != '"')
            return false;
        m_escaped = false;
        const qsizetype keyStart = m_pos + 1;
        if (!skipString() || m_escaped || m_pos >= m_size || m_data[m_pos] != ':')
            return false;
        *key = std::string_view(m_data + keyStart, std::size_t(m_pos - 1 - keyStart));
        m_valueStart = ++m_pos;
        return skipValue() && m_pos > m_valueStart && m_pos < m_size;
    }

    // From the opening quote to just after the closing one.
    bool skipString()
    {
        const char *p = m_data + m_pos + 1;
        const char *end = m_data + m_size;
        while (p < end) {
            const unsigned char c = static_cast<unsigned char>(*p);
            if (c == '"') {
                m_pos = p + 1 - m_data;
                return true;
            }
            if (c < 0x20)
                return false;
            if (c == '\\') {
                m_escaped = true;
                const qsizetype length = escapeLength(p, end);
                if (length == 0)
                    return false;
                p += length;
            } else {
                ++p;
            }
        }
        return false;
    }

    // The escapes the dump writes: the short ones, and \u00xx in lower case for the other control characters.
    static qsizetype escapeLength(const char *p, const char *end)
    {
        if (end - p < 2)
            return 0;
        switch (p[1]) {
        case '"':
        case '\\':
        case 'b':
        case 'f':
        case 'n':
        case 'r':
        case 't':
            return 2;
        case 'u':
            break;
        default:
            return 0;
        }
        if (end - p < 6 || p[2] != '0' || p[3] != '0' || (p[4] != '0' && p[4] != '1'))
            return 0;
        const char low = p[5];
        const bool hex = (low >= '0' && low <= '9') || (low >= 'a' && low <= 'f');
        const int code = (p[4] - '0') * 16 + (low <= '9' ? low - '0' : low - 'a' + 10);
        const bool hasShortForm =
            code == 0x08 || code == 0x09 || code == 0x0a || code == 0x0c || code == 0x0d;
        return hex && !hasShortForm ? 6 : 0;
    }

    // One value; m_pos ends just after it.
    bool skipValue()
    {
        int depth = 0;
        while (m_pos < m_size) {
            switch (m_data[m_pos]) {
            case '"':
                if (!skipString())
                    return false;
                if (depth == 0)
                    return true;
                break;
            case '{':
            case '[':
                if (++depth > boundedjson::kMaxDepth)
                    return false; // the slow path refuses it by name
                ++m_pos;
                break;
            case '}':
            case ']':
                if (depth == 0)
                    return true;
                ++m_pos;
                if (--depth == 0)
                    return true;
                break;
            case ',':
                if (depth == 0)
                    return true;
                ++m_pos;
                break;
            case ' ':
            case '\n':
            case '\r':
            case '\t':
                return false;
            default:
                ++m_pos;
            }
        }
        return false;
    }

    const char *m_data;
    qsizetype m_size;
    qsizetype m_pos = 0;
    qsizetype m_valueStart = 0; // of the member member() read last
    bool m_escaped = false;
};

// The slow path: a full parse, the setters' changes, a dump.
Result<QByteArray> rewritten(const QByteArray &bytes, const std::array<json, kIdentityFields> &values,
                             const std::array<QDateTime, kIdentityFields> &times)
{
    if (!boundedjson::withinDepth(bytes))
        return fail(QStringLiteral("the label row is ") + boundedjson::tooDeep());
    json row;
    try {
        row = json::parse(bytes.constBegin(), bytes.constEnd());
    } catch (const std::exception &e) {
        return fail(QStringLiteral("invalid JSON: ") + QString::fromUtf8(e.what()));
    }
    if (!row.is_object())
        return fail(QStringLiteral("the label row is not a JSON object"));
    for (int i = 0; i < kIdentityFields; ++i) {
        json &field = row[std::string(kIdentityKeys[i])];
        if (!(field.is_string() && spellsInstant(QString::fromStdString(field.get<std::string>()), times[i])))
            field = values[i];
    }
    const std::string text = dumped(row);
    return QByteArray(text.data(), static_cast<qsizetype>(text.size()));
}

} // namespace

Result<QByteArray> LabelRowBytes::withIdentity(const QByteArray &bytes, const LabelRowIdentity &identity)
{
    const std::array<json, kIdentityFields> values = identityValues(identity);
    std::array<std::string, kIdentityFields> texts;
    for (int i = 0; i < kIdentityFields; ++i)
        texts[i] = dumped(values[i]);
    const std::array<QDateTime, kIdentityFields> times = instants(identity);
    QByteArray out;
    if (CompactScanner(bytes.constData(), bytes.size()).patch(texts, times, &out))
        return out;
    return rewritten(bytes, values, times);
}

} // namespace lb
