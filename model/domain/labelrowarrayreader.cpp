#include "domain/labelrowarrayreader.h"

#include "domain/labelrowparser.h"

#include <nlohmann/json.hpp>

namespace lb {

namespace {

// nlohmann's message is "[json.exception.parse_error.101] parse error at line 1, column 5: <reason>".
QString parseErrorReason(const nlohmann::json::parse_error &error)
{
    const std::string what = error.what();
    std::size_t start = what.find("column ");
    if (start != std::string::npos)
        start = what.find(": ", start);
    if (start == std::string::npos)
        start = what.find("] ");
    return QString::fromUtf8(start == std::string::npos ? what.c_str() : what.c_str() + start + 2);
}

} // namespace

LabelRowArrayReader::LabelRowArrayReader(QIODevice &device, QString name, qsizetype maxRowBytes)
    : m_device(device), m_name(std::move(name)), m_maxRowBytes(maxRowBytes), m_reading(&device),
      m_elements(std::make_unique<JsonArrayElements>(device, maxRowBytes))
{
    if (device.isSequential()) {
        m_spool = std::make_unique<QTemporaryFile>();
        m_spooling = m_spool->open() && m_spool->write("[") == 1;
    }
}

Result<void> LabelRowArrayReader::spool(const QByteArray &row)
{
    const QByteArray separator = m_row > 1 ? QByteArray(",\n") : QByteArray();
    if (m_spool->write(separator) != separator.size() || m_spool->write(row) != row.size())
        return fail(QStringLiteral("cannot keep a copy of the input to read it again: %1")
                        .arg(m_spool->errorString()));
    return {};
}

Result<void> LabelRowArrayReader::restart()
{
    if (m_spool) {
        // Only a copy of the whole input can be read again.
        if (m_spooling || !m_spool->seek(0))
            return fail(QStringLiteral("the input cannot be read a second time"));
        m_reading = m_spool.get();
    } else if (!m_device.seek(0)) {
        return fail(QStringLiteral("the input cannot be read a second time: %1").arg(m_device.errorString()));
    }
    m_elements = std::make_unique<JsonArrayElements>(*m_reading, m_maxRowBytes);
    m_row = 0;
    return {};
}

Error LabelRowArrayReader::named(Error error) const
{
    if (!m_name.isEmpty())
        error.message = m_name + QStringLiteral(": ") + error.message;
    return error;
}

Result<void> LabelRowArrayReader::rewind()
{
    Result<void> rewound = restart();
    return rewound ? rewound : Result<void>(named(rewound.takeError()));
}

Result<std::optional<LabelRowDocument>> LabelRowArrayReader::next()
{
    Result<std::optional<LabelRowDocument>> row = read(true);
    return row ? std::move(row) : Result<std::optional<LabelRowDocument>>(named(row.takeError()));
}

Result<std::optional<LabelRowDocument>> LabelRowArrayReader::nextChecked()
{
    Result<std::optional<LabelRowDocument>> row = read(false);
    return row ? std::move(row) : Result<std::optional<LabelRowDocument>>(named(row.takeError()));
}

Result<std::optional<LabelRowDocument>> LabelRowArrayReader::read(bool keepLabels)
{
    Result<std::optional<JsonArrayElements::Element>> element = m_elements->next();
    if (!element)
        return element.takeError();
    if (!element->has_value()) {
        if (m_spooling) {
            m_spooling = false;
            if (m_spool->write("]\n") != 2 || !m_spool->flush())
                return fail(QStringLiteral("cannot keep a copy of the input to read it again: %1")
                                .arg(m_spool->errorString()));
        }
        return std::optional<LabelRowDocument>();
    }
    ++m_row;
    const QString context = QStringLiteral("row ") + QString::number(m_row);
    const QByteArray &bytes = element->value().bytes;
    if (m_spooling) {
        if (Result<void> kept = spool(bytes); !kept)
            return kept.takeError();
    }
    nlohmann::json row;
    try {
        row = nlohmann::json::parse(bytes.constBegin(), bytes.constEnd());
    } catch (const nlohmann::json::parse_error &e) {
        return fail(QStringLiteral("%1: invalid JSON at byte %2: %3")
                        .arg(context)
                        .arg(element->value().offset + qint64(e.byte) - 1)
                        .arg(parseErrorReason(e)));
    } catch (const std::exception &e) {
        return fail(QStringLiteral("%1: invalid JSON: %2").arg(context, QString::fromUtf8(e.what())));
    }
    try {
        Result<LabelRowDocument> document = keepLabels ? LabelRowParser::parse(std::move(row), context)
                                                       : LabelRowParser::check(std::move(row), context);
        if (!document)
            return document.takeError();
        return std::optional<LabelRowDocument>(std::move(document).value());
    } catch (const std::exception &e) {
        return fail(
            QStringLiteral("%1: label row could not be read: %2").arg(context, QString::fromUtf8(e.what())));
    }
}

} // namespace lb
