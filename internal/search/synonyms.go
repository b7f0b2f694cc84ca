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
	"law":        {"legal", "attorney"},
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

// careers maps the name of a field of work to the everyday name of the
// career it stands for: a person who types "law" looks for lawyers first,
// not for every title that holds the word (Administrative Law Judge,
// Judicial Law Clerk). The career counts almost as much as the word itself
// (qCareer). Keys are what people type; careerOf holds them stemmed.
var careers = map[string]string{
	"law":          "lawyer",
	"medicine":     "physician",
	"accounting":   "accountant",
	"bookkeeping":  "bookkeeper",
	"pharmacy":     "pharmacist",
	"dentistry":    "dentist",
	"surgery":      "surgeon",
	"psychology":   "psychologist",
	"economics":    "economist",
	"statistics":   "statistician",
	"architecture": "architect",
	"journalism":   "journalist",
	"photography":  "photographer",
	"plumbing":     "plumber",
	"carpentry":    "carpenter",
	"welding":      "welder",
}

// careerOf is careers with its keys and values stemmed, as query words are.
var careerOf = func() map[string]string {
	m := make(map[string]string, len(careers))
	for k, v := range careers {
		m[stem(k)] = stem(v)
	}
	return m
}()
