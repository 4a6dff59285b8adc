#pragma once

#include <QList>
#include <QString>

namespace lb {

enum class DataType
{
    Image,
    ImageGroup,
    Video
};

// Encord spells data types differently in listings (upper case) and in label rows (lower case).
QString dataTypeLabelRowName(DataType type);             // "image", "img_group", "video"
QString dataTypeDisplayName(DataType type);              // "image", "image group", "video"
bool parseDataType(const QString &text, DataType *type); // accepts both spellings and "image_group"

struct DataUnit
{
    QString dataHash;
    QString dataTitle;
    DataType dataType = DataType::Image;
    QString datasetHash;
    QString datasetTitle;
    int width = 0;
    int height = 0;
    int frameCount = 1;
    double fps = 0.0;
};

} // namespace lb
