/// Word lists for plausible Kenyan names and places in the benchmark data.
enum BenchNames {
    static let firstNames = [
        "Amina", "Brian", "Caroline", "David", "Esther", "Felix", "Grace", "Hassan", "Irene", "James",
        "Joyce", "Kevin", "Lilian", "Mercy", "Njeri", "Otieno", "Peter", "Purity", "Rose", "Samuel",
        "Tabitha", "Wanjiku", "Wycliffe", "Zawadi", "Achieng", "Baraka", "Cheruiyot", "Dorcas", "Faith", "Kamau",
    ]
    static let lastNames = [
        "Wanjiru", "Otieno", "Mwangi", "Kariuki", "Ochieng", "Njoroge", "Kiprop", "Mutua", "Wambui", "Omondi",
        "Kimani", "Chebet", "Achieng", "Maina", "Onyango", "Kilonzo", "Mohamed", "Nyambura", "Korir", "Atieno",
    ]
    static let buildings = [
        "Baraka", "Amani", "Tumaini", "Jamhuri", "Uhuru", "Neema", "Fahari", "Imani", "Zuri", "Umoja",
        "Mwangaza", "Bahati", "Upendo", "Kilele", "Riverside", "Acacia", "Jacaranda", "Savannah", "Sunrise", "Palm",
    ]
    static let kinds = ["Court", "Apartments", "Heights", "Gardens", "Residences", "Towers", "Flats", "Place"]
    static let places = [
        "Kilimani, Nairobi", "Kileleshwa, Nairobi", "South B, Nairobi", "Westlands, Nairobi", "Ngong Road, Nairobi",
        "Roysambu, Nairobi", "Embakasi, Nairobi", "Kasarani, Nairobi", "Rongai, Kajiado", "Ruaka, Kiambu",
        "Thika Road, Nairobi", "Nyali, Mombasa", "Milimani, Kisumu", "Section 58, Nakuru", "Eldoret Town, Eldoret",
    ]
}
