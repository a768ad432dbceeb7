from core.latin import latin


def test_russian_letters_are_written_in_latin_and_the_rest_kept():
    assert latin("Школа-интернат «Подъём» № 7") == "shkola-internat «podem» № 7"
    assert latin("Щукино, Юность, Ямал, Хвоя, Цех, Чай, Жук") == (
        "shchukino, yunost, yamal, khvoya, tsekh, chay, zhuk"
    )
