#pragma once

#include "domain/boundedjson.h"
#include "domain/result.h"

#include <optional>
#include <QByteArray>
#include <QIODevice>

namespace lb {

// Cuts a JSON array read from a device into the bytes of its elements, one element at a time, so an export
// larger than memory can be read row by row: only the element being read is held. The array's own syntax
// (brackets, commas, what follows it) is checked here; each element's syntax is left to the JSON parser
// that reads it. Input that never ends an element (an endless string, brackets nested without end) fails
// once it passes the size or depth limit instead of filling memory.
class JsonArrayElements
{
public:
    static constexpr qsizetype kDefaultMaxElementBytes = boundedjson::kMaxRowBytes;
    static constexpr int kMaxDepth = boundedjson::kMaxDepth;

    struct Element
    {
        QByteArray bytes;
        qint64 offset = 0; // of the element's first byte in the device
    };

    explicit JsonArrayElements(QIODevice &device, qsizetype maxElementBytes = kDefaultMaxElementBytes);

    // The next element, or nothing once the array is closed (and only white space follows it).
    Result<std::optional<Element>> next();
    // Bytes consumed so far.
    qint64 position() const { return m_bufferOffset + m_pos; }

private:
    enum class State
    {
        Start,
        FirstElement, // after '[': an element or ']'
        AfterElement, // ',' or ']'
        Element,      // after ',': an element
        Done
    };

    bool fill();               // false at the end of the device
    int peek();                // the next byte, or -1 at the end
    int skipWhiteSpace();      // the first byte that is not white space, or -1
    Result<void> checkStart(); // the '[' that opens the array
    Result<std::optional<Element>> finish();
    Result<Element> readElement();
    Error syntaxError(const QString &reason) const;

    QIODevice &m_device;
    qsizetype m_maxElementBytes;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qint64 m_bufferOffset = 0;
    State m_state = State::Start;
    qint64 m_elements = 0;
};

} // namespace lb
