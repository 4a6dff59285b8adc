#include "domain/labelcontenthash.h"

#include "domain/cryptolibrary.h"
#include "domain/labelrowjson.h"

#include <algorithm>
#include <charconv>
#include <openssl/evp.h>
#include <QByteArray>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace lb {

namespace {

[[maybe_unused]] const bool kCryptoStarted = startCryptoLibrary(); // on the main thread, before main()

using json = nlohmann::json;

bool isTimestampKey(const std::string &key)
{
    // Re-saving a row rewrites these (the SDK even invents lastEditedAt at parse time); they are not labels.
    return key == "createdAt" || key == "lastEditedAt";
}

bool isEmptyList(const json &value)
{
    return value.is_null() || (value.is_array() && value.empty());
}

// An answers entry that only names its owner and carries an empty list: the SDK writes one for every object,
// raw exports often omit it. Both mean "no answers".
bool isEmptyAnswerEntry(const json &entry, const char *listKey, const char *hashKey)
{
    if (!entry.is_object())
        return false;
    for (auto it = entry.begin(); it != entry.end(); ++it) {
        if (it.key() == hashKey || isTimestampKey(it.key()))
            continue;
        if (it.key() == listKey && isEmptyList(it.value()))
            continue;
        return false;
    }
    return true;
}

class CanonicalWriter
{
public:
    explicit CanonicalWriter(std::string &out) : m_out(out) {}

    void value(const json &v)
    {
        switch (v.type()) {
        case json::value_t::null:
        case json::value_t::discarded:
            m_out += "null";
            break;
        case json::value_t::boolean:
            m_out += v.get<bool>() ? "true" : "false";
            break;
        case json::value_t::number_integer:
            number(static_cast<double>(v.get<std::int64_t>()));
            break;
        case json::value_t::number_unsigned:
            number(static_cast<double>(v.get<std::uint64_t>()));
            break;
        case json::value_t::number_float:
            number(v.get<double>());
            break;
        case json::value_t::string:
            string(v.get_ref<const std::string &>());
            break;
        case json::value_t::binary:
            m_out += "binary";
            break;
        case json::value_t::array:
            m_out += '[';
            for (std::size_t i = 0; i < v.size(); ++i) {
                if (i)
                    m_out += ',';
                value(v[i]);
            }
            m_out += ']';
            break;
        case json::value_t::object:
            object(v, false);
            break;
        }
    }

    // One frame's labels: {"objects": [...], "classifications": [...], ...}. Empty lists count as absent.
    void frame(const json &v)
    {
        if (v.is_object())
            object(v, true);
        else if (v.is_null())
            m_out += "{}";
        else
            value(v);
    }

    // Video labels: frame key -> frame. Frames left empty are dropped so {} and {"3": {"objects": []}} agree.
    void frameMap(const json &v)
    {
        if (!v.is_object()) {
            frame(v);
            return;
        }
        m_out += '{';
        bool first = true;
        std::string frameText;
        for (auto it = v.begin(); it != v.end(); ++it) {
            frameText.clear();
            CanonicalWriter(frameText).frame(it.value());
            if (frameText == "{}")
                continue;
            if (!first)
                m_out += ',';
            first = false;
            string(it.key());
            m_out += ':';
            m_out += frameText;
        }
        m_out += '}';
    }

    // object_answers / classification_answers / object_actions: hash -> entry, empty entries dropped.
    void answerSection(const json *section, const char *listKey, const char *hashKey)
    {
        m_out += '{';
        if (section && section->is_object()) {
            bool first = true;
            for (auto it = section->begin(); it != section->end(); ++it) {
                if (isEmptyAnswerEntry(it.value(), listKey, hashKey))
                    continue;
                if (!first)
                    m_out += ',';
                first = false;
                string(it.key());
                m_out += ':';
                value(it.value());
            }
        }
        m_out += '}';
    }

    void string(std::string_view s)
    {
        m_out += '"';
        for (char c : s) {
            if (c == '"' || c == '\\')
                m_out += '\\';
            m_out += c;
        }
        m_out += '"';
    }

    void raw(std::string_view s) { m_out += s; }

private:
    void number(double d)
    {
        if (d == 0.0)
            d = 0.0; // -0 and 0 are the same coordinate
        char buffer[64];
        const auto result = std::to_chars(buffer, buffer + sizeof buffer, d);
        m_out.append(buffer, result.ptr);
    }

    void object(const json &v, bool isFrame)
    {
        m_out += '{';
        bool first = true;
        // nlohmann::json keeps object members in a std::map, so iteration is already in sorted key order.
        for (auto it = v.begin(); it != v.end(); ++it) {
            const std::string &key = it.key();
            if (isTimestampKey(key))
                continue;
            if (isFrame && (key == "objects" || key == "classifications") && isEmptyList(it.value()))
                continue;
            if (!first)
                m_out += ',';
            first = false;
            string(key);
            m_out += ':';
            if (key == "objects" && it.value().is_array())
                objectSet(it.value());
            else
                value(it.value());
        }
        m_out += '}';
    }

    // Objects on a frame are a set: annotation tools reorder them freely when saving.
    void objectSet(const json &objects)
    {
        std::vector<std::pair<std::string_view, std::string>> items;
        items.reserve(objects.size());
        static const std::string noHash;
        for (const json &element : objects) {
            std::string text;
            CanonicalWriter(text).value(element);
            std::string_view hash = noHash;
            if (element.is_object()) {
                const auto found = element.find("objectHash");
                if (found != element.end() && found->is_string())
                    hash = found->get_ref<const std::string &>();
            }
            items.emplace_back(hash, std::move(text));
        }
        std::sort(items.begin(), items.end());
        m_out += '[';
        for (std::size_t i = 0; i < items.size(); ++i) {
            if (i)
                m_out += ',';
            m_out += items[i].second;
        }
        m_out += ']';
    }

    std::string &m_out;
};

const json *member(const json &object, const char *key)
{
    if (!object.is_object())
        return nullptr;
    const auto found = object.find(key);
    return found == object.end() ? nullptr : &*found;
}

} // namespace

QString labelContentHash(const json &row, DataType type)
{
    std::string text;
    text.reserve(4096);
    text += kCanonicalFormTag;
    CanonicalWriter writer(text);

    writer.raw("{\"classification_answers\":");
    writer.answerSection(member(row, "classification_answers"), "classifications", "classificationHash");

    writer.raw(",\"data_units\":{");
    if (const json *units = member(row, "data_units"); units && units->is_object()) {
        bool first = true;
        for (auto it = units->begin(); it != units->end(); ++it) {
            if (!first)
                writer.raw(",");
            first = false;
            writer.string(it.key());
            writer.raw(":{\"labels\":");
            const json *labels = member(it.value(), "labels");
            static const json none;
            if (labels && labelrowjson::labelsKeyedByFrame(type, *labels))
                writer.frameMap(*labels);
            else
                writer.frame(labels ? *labels : none);
            writer.raw("}");
        }
    }
    writer.raw("},\"object_actions\":");
    writer.answerSection(member(row, "object_actions"), "actions", "objectHash");
    writer.raw(",\"object_answers\":");
    writer.answerSection(member(row, "object_answers"), "classifications", "objectHash");
    // A data group's children keep their labels here; a plain row's empty spaces leave its hash as it was.
    if (const json *spaces = member(row, "spaces"); spaces && !spaces->empty() && !spaces->is_null()) {
        writer.raw(",\"spaces\":");
        writer.value(*spaces);
    }
    writer.raw("}");

    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int digestLength = 0;
    if (EVP_Digest(text.data(), text.size(), digest, &digestLength, EVP_sha256(), nullptr) != 1)
        return QString();
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(digest), static_cast<qsizetype>(digestLength)).toHex());
}

} // namespace lb
