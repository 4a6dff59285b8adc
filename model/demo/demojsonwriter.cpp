#include "demo/demojsonwriter.h"

#include <charconv>
#include <cmath>
#include <nlohmann/json.hpp>

namespace lb::demo {

namespace {

constexpr char kHex[] = "0123456789abcdef";

// As nlohmann::json dumps a string with ensure_ascii off: quote, backslash and control characters escaped,
// everything else as it is (the demo's text is ASCII).
void storedString(std::string &out, std::string_view text)
{
    for (const char c : text) {
        switch (c) {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\b':
            out += "\\b";
            break;
        case '\t':
            out += "\\t";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\f':
            out += "\\f";
            break;
        case '\r':
            out += "\\r";
            break;
        default:
            if (static_cast<unsigned char>(c) <= 0x1F) {
                out += "\\u00";
                out += kHex[(c >> 4) & 0xF];
                out += kHex[c & 0xF];
            } else {
                out += c;
            }
        }
    }
}

void canonicalString(std::string &out, std::string_view text)
{
    for (const char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        out += c;
    }
}

bool needsEscaping(std::string_view text)
{
    for (const char c : text) {
        if (c == '"' || c == '\\' || static_cast<unsigned char>(c) <= 0x1F)
            return true;
    }
    return false;
}

} // namespace

void DemoJsonWriter::beginValue()
{
    if (m_afterKey) {
        m_afterKey = false;
        return;
    }
    if (m_depth == 0)
        return;
    bool &has = m_hasMember[static_cast<size_t>(m_depth)];
    if (has)
        m_out += ',';
    has = true;
}

void DemoJsonWriter::open(char bracket)
{
    beginValue();
    m_out += bracket;
    ++m_depth;
    m_hasMember[static_cast<size_t>(m_depth)] = false;
}

void DemoJsonWriter::close(char bracket)
{
    --m_depth;
    m_out += bracket;
}

void DemoJsonWriter::beginObject()
{
    open('{');
}

void DemoJsonWriter::endObject()
{
    close('}');
}

void DemoJsonWriter::beginArray()
{
    open('[');
}

void DemoJsonWriter::endArray()
{
    close(']');
}

DemoJsonWriter &DemoJsonWriter::key(std::string_view name)
{
    beginValue();
    quoted(name);
    m_out += ':';
    m_afterKey = true;
    return *this;
}

void DemoJsonWriter::string(std::string_view text)
{
    beginValue();
    quoted(text);
}

void DemoJsonWriter::quoted(std::string_view text)
{
    m_out += '"';
    if (!needsEscaping(text)) { // nearly always: hashes, names, times
        m_out += text;
        m_out += '"';
        return;
    }
    if (canonical())
        canonicalString(m_out, text);
    else
        storedString(m_out, text);
    m_out += '"';
}

void DemoJsonWriter::number(double value)
{
    beginValue();
    char buffer[64];
    char *end = buffer;
    if (canonical()) {
        if (value == 0.0)
            value = 0.0; // -0 and 0 are the same coordinate
        end = std::to_chars(buffer, buffer + sizeof buffer, value).ptr;
    } else if (!std::isfinite(value)) {
        m_out += "null";
        return;
    } else {
        // nlohmann::json's own spelling: shortest round trip, and 1.0 rather than 1.
        end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, value);
    }
    m_out.append(buffer, end);
}

void DemoJsonWriter::integer(qint64 value)
{
    if (canonical()) {
        number(static_cast<double>(value));
        return;
    }
    beginValue();
    char buffer[24];
    m_out.append(buffer, std::to_chars(buffer, buffer + sizeof buffer, value).ptr);
}

void DemoJsonWriter::boolean(bool value)
{
    beginValue();
    m_out += value ? "true" : "false";
}

void DemoJsonWriter::null()
{
    beginValue();
    m_out += "null";
}

void DemoJsonWriter::emptyObject()
{
    beginValue();
    m_out += "{}";
}

void DemoJsonWriter::emptyArray()
{
    beginValue();
    m_out += "[]";
}

void DemoJsonWriter::raw(std::string_view text)
{
    beginValue();
    m_out += text;
}

void DemoJsonWriter::timestamp(std::string_view name, std::string_view time)
{
    if (!canonical())
        key(name).string(time);
}

} // namespace lb::demo
