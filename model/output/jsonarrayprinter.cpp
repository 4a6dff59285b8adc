#include "output/jsonarrayprinter.h"

#include "output/jsonoutput.h"

namespace lb {

JsonArrayPrinter::JsonArrayPrinter(Write write, int depth) : m_write(std::move(write)), m_depth(depth) {}

QByteArray JsonArrayPrinter::indented(const nlohmann::json &value, int depth)
{
    QByteArray bytes = JsonOutput::dump(value);
    bytes.chop(1); // dump's final newline
    if (depth == 0)
        return bytes;
    // A printed JSON string never holds a raw newline, so every newline starts a line of structure.
    return bytes.replace('\n', QByteArray(QByteArray("\n") + QByteArray(depth * 2, ' ')));
}

void JsonArrayPrinter::add(const nlohmann::json &element)
{
    QByteArray bytes = m_empty ? QByteArray("[\n") : QByteArray(",\n");
    bytes += QByteArray((m_depth + 1) * 2, ' ');
    bytes += indented(element, m_depth + 1);
    m_empty = false;
    m_write(bytes);
}

void JsonArrayPrinter::addPrinted(const QByteArray &element)
{
    QByteArray bytes = m_empty ? QByteArray("[\n") : QByteArray(",\n");
    bytes.reserve(bytes.size() + (m_depth + 1) * 2 + element.size());
    bytes += QByteArray((m_depth + 1) * 2, ' ');
    bytes += element;
    m_empty = false;
    m_write(bytes);
}

void JsonArrayPrinter::close()
{
    m_write(m_empty ? QByteArray("[]") : QByteArray("\n") + QByteArray(m_depth * 2, ' ') + "]");
}

} // namespace lb
