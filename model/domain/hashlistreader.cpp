#include "domain/hashlistreader.h"

#include <QBuffer>
#include <QFileDevice>

namespace lb {

namespace {

QString byteName(unsigned char c)
{
    if (c >= 0x20 && c < 0x7f)
        return QStringLiteral("'%1'").arg(QLatin1Char(char(c)));
    return QStringLiteral("byte 0x%1").arg(c, 2, 16, QLatin1Char('0'));
}

bool isSeparator(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == ',' || c == ';';
}

// Appends the hashes of one line (without its comment) or says where it goes wrong.
Result<void> readLine(const QByteArray &line, qint64 number, const QString &name, QStringList *hashes)
{
    qsizetype start = -1;
    for (qsizetype i = 0; i <= line.size(); ++i) {
        const char c = i < line.size() ? line.at(i) : '\n';
        if (c == '#' || isSeparator(c)) {
            if (start >= 0) {
                if (hashes->size() >= HashListReader::kMaxHashes)
                    return fail(QStringLiteral("%1 lists more than %2 hashes")
                                    .arg(name)
                                    .arg(HashListReader::kMaxHashes));
                hashes->append(QString::fromLatin1(line.constData() + start, i - start));
                start = -1;
            }
            if (c == '#')
                return {};
        } else if (HashListReader::isHashByte(c)) {
            if (start < 0)
                start = i;
        } else {
            return fail(QStringLiteral("%1, line %2, column %3: %4 cannot be part of a hash (expected hashes "
                                       "separated by white space, commas or semicolons, '#' for comments)")
                            .arg(name)
                            .arg(number)
                            .arg(i + 1)
                            .arg(byteName(static_cast<unsigned char>(c))));
        }
    }
    return {};
}

} // namespace

bool HashListReader::isHashByte(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.' || c == ':';
}

Result<QStringList> HashListReader::read(QIODevice &device, const QString &name)
{
    QStringList hashes;
    for (qint64 number = 1;; ++number) {
        QByteArray line = device.readLine(kMaxLineBytes);
        if (line.isEmpty()) {
            const auto *file = qobject_cast<const QFileDevice *>(&device);
            if (file && file->error() != QFileDevice::NoError)
                return fail(QStringLiteral("cannot read %1: %2").arg(name, device.errorString()));
            return hashes;
        }
        const bool complete = line.endsWith('\n') || device.atEnd();
        if (number == 1 && line.startsWith("\xEF\xBB\xBF"))
            line.remove(0, 3);
        // The bytes first: a binary input is named by its first wrong byte, not by its length.
        if (Result<void> parsed = readLine(line, number, name, &hashes); !parsed)
            return parsed.takeError();
        if (!complete)
            return fail(QStringLiteral("%1, line %2 is longer than %3 bytes; expected hashes separated by "
                                       "white space or commas")
                            .arg(name)
                            .arg(number)
                            .arg(kMaxLineBytes));
    }
}

Result<QStringList> HashListReader::fromText(const QString &text, const QString &name)
{
    QByteArray bytes = text.toUtf8();
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::ReadOnly);
    return read(buffer, name);
}

} // namespace lb
