#pragma once

#include <nlohmann/json.hpp>
#include <QByteArray>
#include <QString>

namespace lb::boundedjson {

// The limits every JSON the program reads is held to: import files, stored rows and audit details, Encord's
// responses, the ontology. Encord label rows nest fewer than 20 levels; the nesting limit keeps every
// recursive walk over parsed JSON (nlohmann's dump and copy among them) far from the end of the stack, and
// no writer of the program comes near it.
inline constexpr int kMaxDepth = 256;
// The largest single label row read from an import file.
inline constexpr qsizetype kMaxRowBytes = qsizetype(64) * 1024 * 1024;

// Whether JSON text nests at most `limit` levels of objects and arrays (brackets inside strings do not count;
// the text need not be valid JSON). One pass over the bytes, no allocation.
bool withinDepth(const char *begin, const char *end, int limit = kMaxDepth);
inline bool withinDepth(const QByteArray &bytes)
{
    return withinDepth(bytes.constData(), bytes.constData() + bytes.size());
}

// "nested more than 256 levels deep", for messages that name what was read.
QString tooDeep();

// nlohmann::json::parse without exceptions: a discarded value when the text is not valid JSON or nests deeper
// than kMaxDepth (*tooDeep, when given, tells which).
nlohmann::json parseOrDiscard(const char *begin, const char *end, bool *tooDeep = nullptr);
inline nlohmann::json parseOrDiscard(const QByteArray &bytes, bool *tooDeep = nullptr)
{
    return parseOrDiscard(bytes.constData(), bytes.constData() + bytes.size(), tooDeep);
}

} // namespace lb::boundedjson
