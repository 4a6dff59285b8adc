#pragma once

#include "domain/result.h"

#include <QIODevice>
#include <QStringList>

namespace lb {

// Reads a list of data or label hashes: one or more per line, separated by white space, commas or semicolons,
// with '#' starting a comment; a UTF-8 byte-order mark at the start is allowed. The input is read a line at a
// time and refused at the first byte no hash can contain, at a line longer than kMaxLineBytes and after
// kMaxHashes hashes, so a wrong file (a binary, /dev/zero, an endless stream) fails at once instead of
// filling memory.
class HashListReader
{
public:
    static constexpr qsizetype kMaxLineBytes = 4096;
    static constexpr qsizetype kMaxHashes = 2'000'000;

    // `name` is what messages call the input ("hashes.txt", "the pasted list").
    static Result<QStringList> read(QIODevice &device, const QString &name);
    static Result<QStringList> fromText(const QString &text, const QString &name);

    // Whether `c` can be part of a hash: ASCII letters, digits and "-_.:".
    static bool isHashByte(char c);
};

} // namespace lb
