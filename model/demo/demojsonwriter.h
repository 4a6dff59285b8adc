#pragma once

#include <array>
#include <QtGlobal>
#include <string>
#include <string_view>

namespace lb::demo {

// Writes a demo label row's JSON text straight into a string, without building a JSON value first: with
// thousands of rows a second, building and freeing the value tree cost more than everything else.
// Two forms of the same row come out of the same calls:
// - Stored: the bytes LabelRowDocument::toBytes() writes for the parsed row (compact, numbers as
//   nlohmann::json spells them). Callers write object members in sorted key order, as nlohmann::json
//   keeps them.
// - Canonical: the spelling domain/labelcontenthash.cpp hashes (numbers in their shortest round-trip form,
//   only quote and backslash escaped, createdAt / lastEditedAt left out).
class DemoJsonWriter
{
public:
    enum class Form
    {
        Stored,
        Canonical
    };

    DemoJsonWriter(std::string &out, Form form) : m_out(out), m_form(form) {}

    bool canonical() const { return m_form == Form::Canonical; }

    void beginObject();
    void endObject();
    void beginArray();
    void endArray();
    DemoJsonWriter &key(std::string_view name);
    void string(std::string_view text);
    void number(double value);
    void integer(qint64 value);
    void boolean(bool value);
    void null();
    void emptyObject();
    void emptyArray();
    // A value already written in this writer's form.
    void raw(std::string_view text);
    // createdAt / lastEditedAt: part of the stored row, never of the canonical form.
    void timestamp(std::string_view name, std::string_view time);

private:
    void beginValue();
    void quoted(std::string_view text);
    void open(char bracket);
    void close(char bracket);

    std::string &m_out;
    const Form m_form;
    std::array<bool, 32> m_hasMember{}; // per nesting level: something was written there already
    int m_depth = 0;
    bool m_afterKey = false;
};

} // namespace lb::demo
