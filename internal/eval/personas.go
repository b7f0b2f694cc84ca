package eval

import (
	"math"

	"rolefit/internal/assessment"
)

// Persona is a hand-written person: their level (1–5) on every dimension
// of the question bank, as they would answer it. Personas test matching
// against people written from the role descriptions rather than from
// O*NET ratings, the way a reader would try the quiz.
type Persona map[string]float64

// BackEnd loves server-side systems and APIs: programming, systems and
// requirements work, calm in incidents, happier alone with a hard problem
// than selling or leading, not drawn to visual design or hands-on work.
var BackEnd = Persona{
	"realistic": 2, "investigative": 4.5, "artistic": 2.5, "social": 2.5, "enterprising": 2.5, "conventional": 3.5,
	"achievement_effort": 4, "persistence": 4.5, "initiative": 4, "leadership": 2.5, "cooperation": 3.5,
	"concern_for_others": 3, "social_orientation": 2.5, "self_control": 4, "stress_tolerance": 4.5,
	"adaptability": 3.5, "dependability": 4, "attention_to_detail": 4.5, "integrity": 4, "independence": 4.5,
	"innovation": 4, "analytical_thinking": 5,
	"reading_comprehension": 4.5, "active_listening": 3.5, "writing": 3.5, "speaking": 3, "mathematics": 4,
	"science": 3, "critical_thinking": 4.5, "active_learning": 4.5, "learning_strategies": 3.5, "monitoring": 3.5,
	"social_perceptiveness": 2.5, "coordination": 3, "persuasion": 2.5, "negotiation": 2.5, "instructing": 3,
	"service_orientation": 2.5, "complex_problem_solving": 5, "operations_analysis": 4.5, "technology_design": 2.5,
	"installation": 3.5, "programming": 5, "operation_control": 2.5, "equipment_maintenance": 2,
	"troubleshooting": 5, "quality_control": 4, "judgment_decision_making": 4, "systems_analysis": 5,
	"systems_evaluation": 4, "time_management": 3.5, "financial_resources": 2.5, "material_resources": 2.5,
	"personnel_resources": 2,
}

// Visual is visual, user-facing and inventive: drawn to making things and
// to the people who use them, not to code, numbers or machines.
var Visual = Persona{
	"realistic": 2, "investigative": 3, "artistic": 5, "social": 3.5, "enterprising": 3, "conventional": 2,
	"achievement_effort": 4, "persistence": 3.5, "initiative": 4, "leadership": 3, "cooperation": 4,
	"concern_for_others": 3.5, "social_orientation": 3.5, "self_control": 3.5, "stress_tolerance": 3,
	"adaptability": 4, "dependability": 3.5, "attention_to_detail": 4, "integrity": 3.5, "independence": 4,
	"innovation": 5, "analytical_thinking": 3,
	"reading_comprehension": 3.5, "active_listening": 4.5, "writing": 4, "speaking": 3.5, "mathematics": 2.5,
	"science": 2, "critical_thinking": 3.5, "active_learning": 4, "learning_strategies": 3.5, "monitoring": 3,
	"social_perceptiveness": 4.5, "coordination": 3.5, "persuasion": 3.5, "negotiation": 3, "instructing": 3,
	"service_orientation": 3.5, "complex_problem_solving": 3.5, "operations_analysis": 3.5, "technology_design": 5,
	"installation": 2, "programming": 2, "operation_control": 1.5, "equipment_maintenance": 1.5,
	"troubleshooting": 2.5, "quality_control": 3, "judgment_decision_making": 3.5, "systems_analysis": 2.5,
	"systems_evaluation": 3, "time_management": 3, "financial_resources": 2, "material_resources": 2,
	"personnel_resources": 2.5,
}

// Answers answers every statement of bank as the persona would: its level
// rounded, mirrored for a statement worded as the opposite; 3 for a
// dimension the persona does not name.
func (p Persona) Answers(bank *assessment.Bank) map[string]int {
	out := make(map[string]int, len(bank.Questions))
	for _, q := range bank.Questions {
		lv, ok := p[q.Dimension]
		if !ok {
			lv = assessment.Neutral
		}
		if q.Reverse {
			lv = assessment.ScaleMin + assessment.ScaleMax - lv
		}
		out[q.ID] = int(math.Round(lv))
	}
	return out
}
