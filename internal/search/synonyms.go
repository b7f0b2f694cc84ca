package search

// synonyms maps everyday words and short forms people type to the words
// job titles use. The list is ours; it is short on purpose: alternate
// titles (ours and O*NET's) already cover most ways of naming a job.
var synonyms = map[string][]string{
	"doctor":     {"physician"},
	"doc":        {"doctor", "physician"},
	"physician":  {"doctor"},
	"lawyer":     {"attorney"},
	"attorney":   {"lawyer"},
	"law":        {"legal", "lawyer", "attorney"},
	"coder":      {"programmer", "developer"},
	"coding":     {"programming", "programmer", "developer"},
	"programmer": {"developer"},
	"dev":        {"developer"},
	"eng":        {"engineer"},
	"admin":      {"administrator"},
	"mgr":        {"manager"},
	"tech":       {"technician", "technologist"},
	"rep":        {"representative"},
	"cop":        {"police"},
	"policeman":  {"police"},
	"medic":      {"paramedic", "emt"},
	"nursing":    {"nurse"},
	"vet":        {"veterinarian", "veterinary"},
	"janitor":    {"custodian"},
	"cleaner":    {"custodian", "janitor"},
	"trucker":    {"truck"},
	"chef":       {"cook"},
	"cook":       {"chef"},
	"waiter":     {"server"},
	"waitress":   {"server"},
	"nanny":      {"childcare"},
	"shrink":     {"psychologist", "therapist"},
	"counsellor": {"counselor"},
	"programme":  {"program"},
}
