#pragma once

#include <functional>
#include <nlohmann/json.hpp>
#include <QByteArray>

namespace lb {

// Prints a JSON array element by element, byte for byte as JsonOutput::dump (pretty, 2-space indent) prints
// the whole array, so a listing of any size goes out with one element in memory.
class JsonArrayPrinter
{
public:
    using Write = std::function<void(const QByteArray &bytes)>;

    // `depth`: how many levels the array is nested in the printed document (0 at the top).
    explicit JsonArrayPrinter(Write write, int depth = 0);

    void add(const nlohmann::json &element);
    // An element already printed as indented() prints it one level deeper than the array.
    void addPrinted(const QByteArray &element);
    // Writes the closing bracket (no newline after it).
    void close();

    // `value` pretty-printed as it appears `depth` levels deep in a document.
    static QByteArray indented(const nlohmann::json &value, int depth);

private:
    Write m_write;
    int m_depth = 0;
    bool m_empty = true;
};

} // namespace lb
