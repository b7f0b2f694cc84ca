package eval

import (
	"maps"
	"math"

	"rolefit/internal/assessment"
	"rolefit/internal/matching"
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
	// Follow-up scales.
	"server_side": 5, "interface_building": 2, "visual_design": 1, "user_research": 2, "infrastructure": 3,
	"networking": 2, "mobile_apps": 2, "architecture": 3, "end_to_end": 2, "developer_tooling": 3,
	"incident_response": 4,
}

// Visual designs interfaces: drawn to making things look and work right
// for the people who use them, inventive and detail-minded, comfortable
// with a little markup but not with programming, numbers or machines.
var Visual = Persona{
	"realistic": 2, "investigative": 3.5, "artistic": 5, "social": 3, "enterprising": 3, "conventional": 2.5,
	"achievement_effort": 4, "persistence": 4, "initiative": 4, "leadership": 3, "cooperation": 4,
	"concern_for_others": 3, "social_orientation": 3, "self_control": 4, "stress_tolerance": 3,
	"adaptability": 3.5, "dependability": 3.5, "attention_to_detail": 4.5, "integrity": 3.5, "independence": 4,
	"innovation": 5, "analytical_thinking": 3.5,
	"reading_comprehension": 4, "active_listening": 4.5, "writing": 4, "speaking": 3.5, "mathematics": 2.5,
	"science": 2, "critical_thinking": 4, "active_learning": 4, "learning_strategies": 3.5, "monitoring": 3,
	"social_perceptiveness": 4.5, "coordination": 3, "persuasion": 3.5, "negotiation": 3, "instructing": 3,
	"service_orientation": 3, "complex_problem_solving": 4, "operations_analysis": 4, "technology_design": 5,
	"installation": 2, "programming": 2, "operation_control": 1.5, "equipment_maintenance": 1.5,
	"troubleshooting": 2.5, "quality_control": 3.5, "judgment_decision_making": 3.5, "systems_analysis": 3,
	"systems_evaluation": 3.5, "time_management": 3, "financial_resources": 2, "material_resources": 2,
	"personnel_resources": 2.5,
	// Follow-up scales.
	"server_side": 1.5, "interface_building": 3.5, "visual_design": 5, "user_research": 4.5, "infrastructure": 1,
	"networking": 1, "mobile_apps": 3, "architecture": 2, "end_to_end": 2.5, "developer_tooling": 1.5,
	"incident_response": 1.5,
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

// Choose answers a follow-up question as the persona would: the option
// whose signals its levels favor most (3 for anything it does not name),
// the first on a tie.
func (p Persona) Choose(q assessment.FollowUp) string {
	best, bestU := 0, math.Inf(-1)
	for oi, o := range q.Options {
		var u float64
		for _, s := range o.Signals {
			lv, ok := p[s.Dimension]
			if !ok {
				lv = assessment.Neutral
			}
			v := lv - assessment.Neutral
			if s.Direction == assessment.Low {
				v = -v
			}
			u += v / float64(len(o.Signals))
		}
		if u > bestU {
			best, bestU = oi, u
		}
	}
	return q.Options[best].ID
}

// Take evaluates the persona's answers, then answers every follow-up
// question the engine asks; it returns the final evaluation and the
// follow-ups asked.
func (p Persona) Take(bank *assessment.Bank, ix *matching.Index) (matching.Evaluation, []string, error) {
	stored := p.Answers(bank)
	ev, err := ix.Evaluate(bank, stored, 0, 0)
	follow := map[string]string{}
	var asked []string
	for err == nil && ev.Next != nil && len(asked) < assessment.MaxFollowUps {
		follow[ev.Next.ID] = p.Choose(*ev.Next)
		asked = append(asked, ev.Next.ID+"="+follow[ev.Next.ID])
		var st map[string]int
		if st, err = ix.FollowUps().Store(follow); err != nil {
			break
		}
		maps.Copy(stored, st)
		ev, err = ix.Evaluate(bank, stored, 0, 0)
	}
	return ev, asked, err
}
