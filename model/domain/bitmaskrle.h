#pragma once

#include "domain/labelrowdocument.h"
#include "domain/result.h"

#include <QByteArray>
#include <QList>
#include <QPoint>
#include <QRect>

namespace lb {

// Encord's bitmask encoding (the "rleString" of a bitmask object, docs/encord-api.md §4.4), decoded and
// encoded without any image library.
//
// The mask is width × height pixels read in row-major order (left to right, then top to bottom; unlike
// COCO's own masks, which are column-major). Its run lengths alternate background and foreground, starting
// with background (so a mask that starts with a set pixel starts with a run of 0). The runs are written in
// COCO's compressed form: each number is cut into 5-bit groups, least significant first, each group written
// as the character '0' + group, with 0x20 added while more groups follow; the last group's 0x10 bit is the
// sign. From the fourth number on, what is written is the difference to the number two places before.

// The foreground of a decoded mask: runs of set pixels as (offset, length) in row-major pixel order.
struct DecodedBitmask
{
    int width = 0;
    int height = 0;
    QList<std::pair<qint64, qint64>> runs; // ascending, non-empty, never touching
    qint64 area = 0;                       // set pixels
    QRect bounds;                          // of the set pixels, in mask pixels; null when none is set
    QPoint inside;                         // a set pixel near the middle of bounds; (-1, -1) when none

    bool contains(int x, int y) const; // whether the pixel is set (false outside the mask)
    // One byte per pixel, row-major, 1 where set.
    QByteArray pixels() const;
};

// The run lengths a compressed RLE string spells, as written (background first). Fails on a character
// outside the alphabet, a number cut off at the end of the text, or a negative run length.
Result<QList<qint64>> decodeRleCounts(const QByteArray &text);
// The compressed string of run lengths: decodeRleCounts(encodeRleCounts(c)) == c.
QByteArray encodeRleCounts(const QList<qint64> &counts);

// A bitmask object's mask. Fails when the RLE does not decode, or its runs cover more than width × height
// pixels; runs that stop short leave the rest unset, as Encord's own decoder does.
Result<DecodedBitmask> decodeBitmask(const BitmaskGeometry &mask);
// The rleString of a row-major mask of one byte per pixel (non-zero is set).
QByteArray encodeBitmask(const QByteArray &pixels);

} // namespace lb
