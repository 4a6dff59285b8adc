#pragma once

#include <array>
#include <cstdint>
#include <QByteArray>

namespace lb {

// Blowfish state with the "expensive key schedule" steps that bcrypt_pbkdf needs. OpenSSL only offers the
// standard key schedule, so the schedule is done here and each block encryption goes through OpenSSL.
class EksBlowfish
{
public:
    EksBlowfish(); // the initial state: the fractional hexadecimal digits of pi

    // Mixes key into P, then re-encrypts P and the S-boxes while folding data in (Blowfish_expandstate).
    void expandState(const QByteArray &data, const QByteArray &key);
    // The same without data; on the initial state this is the standard Blowfish key schedule.
    void expand0State(const QByteArray &key);
    void encryptBlock(uint32_t *left, uint32_t *right) const;

    static constexpr int PWords = 18;
    static constexpr int SWords = 1024;
    // P-array followed by the four S-boxes, the layout of OpenSSL's BF_KEY.
    const std::array<uint32_t, PWords + SWords> &state() const { return m_state; }

private:
    void rekey(const QByteArray &data, bool foldData);

    std::array<uint32_t, PWords + SWords> m_state{};
};

} // namespace lb
