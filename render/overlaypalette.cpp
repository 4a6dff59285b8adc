#include "render/overlaypalette.h"

namespace lb::overlaypalette {

QColor colorOf(ChangeKind kind)
{
    switch (kind) {
    case ChangeKind::Added:
        return QColor(0x56, 0xB4, 0xE9); // sky blue
    case ChangeKind::Removed:
        return QColor(0xD5, 0x5E, 0x00); // vermillion
    case ChangeKind::Edited:
        return QColor(0xF0, 0xE4, 0x42); // yellow
    case ChangeKind::Unchanged:
        return QColor(0xC8, 0xC8, 0xC8);
    }
    return QColor(0xC8, 0xC8, 0xC8);
}

QColor halo()
{
    return QColor(0, 0, 0, 170);
}

QColor neutralCanvas()
{
    return QColor(0x3B, 0x41, 0x48);
}

QColor canvasGrid()
{
    return QColor(0x4A, 0x51, 0x59);
}

QColor surround()
{
    return QColor(0x24, 0x27, 0x2B);
}

QColor text()
{
    return QColor(0xE6, 0xE6, 0xE6);
}

} // namespace lb::overlaypalette
