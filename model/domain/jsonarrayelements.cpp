#include "domain/jsonarrayelements.h"

namespace lb {

namespace {

constexpr qint64 kChunkBytes = 1 << 20;

bool isWhiteSpace(int c)
{
    return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

// What a top-level value starting with `c` is, worded as labelrowjson::typeName does; empty when no JSON
// value starts so.
QString valueKind(int c)
{
    switch (c) {
    case '{':
        return QStringLiteral("an object");
    case '"':
        return QStringLiteral("a string");
    case 't':
    case 'f':
        return QStringLiteral("a boolean");
    case 'n':
        return QStringLiteral("null");
    default:
        return (c == '-' || (c >= '0' && c <= '9')) ? QStringLiteral("a number") : QString();
    }
}

QString byteName(int c)
{
    if (c >= 0x20 && c < 0x7f)
        return QStringLiteral("'%1'").arg(QChar(c));
    return QStringLiteral("byte 0x%1").arg(c, 2, 16, QLatin1Char('0'));
}

} // namespace

JsonArrayElements::JsonArrayElements(QIODevice &device, qsizetype maxElementBytes)
    : m_device(device), m_maxElementBytes(maxElementBytes)
{
}

bool JsonArrayElements::fill()
{
    if (m_pos < m_buffer.size())
        return true;
    m_bufferOffset += m_buffer.size();
    m_pos = 0;
    m_buffer = m_device.read(kChunkBytes);
    return !m_buffer.isEmpty();
}

int JsonArrayElements::peek()
{
    if (!fill())
        return -1;
    return static_cast<unsigned char>(m_buffer.at(m_pos));
}

int JsonArrayElements::skipWhiteSpace()
{
    int c = peek();
    while (isWhiteSpace(c)) {
        ++m_pos;
        c = peek();
    }
    return c;
}

Error JsonArrayElements::syntaxError(const QString &reason) const
{
    return fail(QStringLiteral("invalid JSON at byte %1: %2").arg(position()).arg(reason));
}

Result<void> JsonArrayElements::checkStart()
{
    const int c = skipWhiteSpace();
    if (c == '[') {
        ++m_pos;
        m_state = State::FirstElement;
        return {};
    }
    if (c < 0)
        return syntaxError(QStringLiteral("the input is empty; expected a JSON array of label rows"));
    if (const QString kind = valueKind(c); !kind.isEmpty())
        return fail(QStringLiteral("expected a JSON array of label rows, but the top-level value is ") +
                    kind);
    return syntaxError(QStringLiteral("expected a JSON array of label rows, found %1").arg(byteName(c)));
}

Result<std::optional<JsonArrayElements::Element>> JsonArrayElements::finish()
{
    m_state = State::Done;
    const int c = skipWhiteSpace();
    if (c >= 0)
        return syntaxError(QStringLiteral("unexpected %1 after the end of the array").arg(byteName(c)));
    return std::optional<Element>();
}

Result<std::optional<JsonArrayElements::Element>> JsonArrayElements::next()
{
    if (m_state == State::Start) {
        if (Result<void> started = checkStart(); !started)
            return started.takeError();
    }
    while (m_state != State::Done) {
        const int c = skipWhiteSpace();
        if (c < 0)
            return syntaxError(QStringLiteral("unexpected end of input; the array is not closed"));
        if (m_state == State::AfterElement) {
            ++m_pos;
            if (c == ']')
                return finish();
            if (c != ',')
                return syntaxError(QStringLiteral("expected ',' or ']' after row %1, found %2")
                                       .arg(m_elements)
                                       .arg(byteName(c)));
            m_state = State::Element;
            continue;
        }
        if (c == ']' && m_state == State::FirstElement) {
            ++m_pos;
            return finish();
        }
        if (c == ']' || c == ',')
            return syntaxError(QStringLiteral("expected a row, found %1").arg(byteName(c)));
        Result<Element> element = readElement();
        if (!element)
            return element.takeError();
        ++m_elements;
        m_state = State::AfterElement;
        return std::optional<Element>(std::move(element).value());
    }
    return finish();
}

Result<JsonArrayElements::Element> JsonArrayElements::readElement()
{
    Element element;
    element.offset = position();
    int depth = 0;
    bool inString = false, escaped = false, done = false;
    while (!done) {
        if (!fill()) {
            if (depth == 0 && !inString && !element.bytes.isEmpty())
                break; // a scalar ends with the input; the array's missing end is the next call's to report
            return syntaxError(QStringLiteral("unexpected end of input inside row %1").arg(m_elements + 1));
        }
        const char *data = m_buffer.constData();
        const qsizetype start = m_pos;
        qsizetype i = m_pos;
        for (; i < m_buffer.size() && !done; ++i) {
            const char c = data[i];
            if (inString) {
                if (escaped)
                    escaped = false;
                else if (c == '\\')
                    escaped = true;
                else if (c == '"') {
                    inString = false;
                    done = depth == 0;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{' || c == '[') {
                if (++depth > kMaxDepth) {
                    m_pos = i;
                    return syntaxError(QStringLiteral("row %1 is nested more than %2 levels deep")
                                           .arg(m_elements + 1)
                                           .arg(kMaxDepth));
                }
            } else if (c == '}' || c == ']') {
                if (depth == 0) { // a scalar element ends at the array's closing bracket
                    done = true;
                    --i;
                } else {
                    done = --depth == 0;
                }
            } else if (depth == 0 && (c == ',' || isWhiteSpace(c))) {
                done = true; // a scalar element ends here; the separator is not part of it
                --i;
            }
        }
        m_pos = i;
        element.bytes.append(data + start, i - start);
        if (element.bytes.size() > m_maxElementBytes)
            return syntaxError(QStringLiteral("row %1 is larger than %2 MB")
                                   .arg(m_elements + 1)
                                   .arg(m_maxElementBytes / (1024 * 1024)));
    }
    return element;
}

} // namespace lb
