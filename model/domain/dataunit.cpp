#include "domain/dataunit.h"

#include <array>

namespace lb {

namespace {

struct KindNames
{
    DataType::Kind kind;
    const char *labelRow;
    const char *display;
};

constexpr std::array<KindNames, 11> kKinds = {{
    {DataType::Image, "image", "image"},
    {DataType::ImageGroup, "img_group", "image group"},
    {DataType::Video, "video", "video"},
    {DataType::Dicom, "dicom", "DICOM series"},
    {DataType::DicomStudy, "dicom_study", "DICOM study"},
    {DataType::Nifti, "nifti", "NIfTI volume"},
    {DataType::Audio, "audio", "audio"},
    {DataType::PlainText, "plain_text", "text"},
    {DataType::Pdf, "pdf", "PDF"},
    {DataType::Group, "group", "data group"},
    {DataType::Scene, "scene", "scene"},
}};

} // namespace

bool DataType::parse(const QString &text, DataType *type)
{
    const QString t = text.trimmed().toLower();
    if (t.isEmpty())
        return false;
    DataType parsed(Other);
    if (t == QLatin1String("image_group")) {
        parsed = ImageGroup;
    } else if (t == QLatin1String("html")) {
        parsed = PlainText;
    } else {
        parsed.m_name = t;
        for (const KindNames &names : kKinds) {
            if (t == QLatin1String(names.labelRow)) {
                parsed = names.kind;
                break;
            }
        }
    }
    if (type)
        *type = parsed;
    return true;
}

QString DataType::labelRowName() const
{
    if (m_kind == Other)
        return m_name;
    return QLatin1String(kKinds[m_kind].labelRow);
}

QString DataType::displayName() const
{
    if (m_kind == Other)
        return m_name;
    return QLatin1String(kKinds[m_kind].display);
}

bool DataType::labelsByFrame() const
{
    switch (m_kind) {
    case Video:
    case Dicom:
    case Nifti:
    case Pdf:
    case Scene:
        return true;
    default:
        return false;
    }
}

QString DataType::frameWord(bool plural) const
{
    switch (m_kind) {
    case Dicom:
    case Nifti:
        return plural ? QStringLiteral("slices") : QStringLiteral("slice");
    case Pdf:
        return plural ? QStringLiteral("pages") : QStringLiteral("page");
    default:
        return plural ? QStringLiteral("frames") : QStringLiteral("frame");
    }
}

QString dataTypeLabelRowName(const DataType &type)
{
    return type.labelRowName();
}

QString dataTypeDisplayName(const DataType &type)
{
    return type.displayName();
}

bool parseDataType(const QString &text, DataType *type)
{
    return DataType::parse(text, type);
}

} // namespace lb
